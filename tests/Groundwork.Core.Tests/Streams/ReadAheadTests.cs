using Groundwork.Core.Streams;

namespace Groundwork.Core.Tests.Streams;

public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0, 4, 2)]
    [InlineData(1, 4, 2)]
    [InlineData(8, 4, 2)]
    [InlineData(1_001, 16, 3)]
    public async Task Buffer_YieldsEveryItemInOrder_AcrossBatchBoundaries(int count, int batchSize, int batches)
    {
        var read = new List<int>();
        await foreach (var item in ReadAhead.BufferAsync(Numbers(count, null), batchSize, batches))
        {
            read.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, count), read);
    }

    [Fact]
    public async Task Buffer_RethrowsTheSourcesError_AfterTheItemsBeforeIt()
    {
        var read = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in ReadAhead.BufferAsync(Failing(after: 10), 4, 2))
            {
                read.Add(item);
            }
        });

        Assert.Equal("cursor broke", error.Message);
        Assert.Equal(Enumerable.Range(0, 8), read); // the two full batches; the broken one is not handed over
    }

    [Fact]
    public async Task Buffer_StoppedEarly_DisposesTheSourceBeforeTheLoopEnds()
    {
        var state = new SourceState();
        await foreach (var item in ReadAhead.BufferAsync(Numbers(1_000_000, state), 8, 2))
        {
            if (item == 20)
            {
                break;
            }
        }

        Assert.True(state.Disposed, "the source's finally ran before the consumer's loop returned");
        Assert.True(state.Produced < 1_000, $"the producer stopped soon after the consumer ({state.Produced} items produced)");
    }

    [Fact]
    public async Task Buffer_Cancelled_StopsWithOperationCanceled_AndDisposesTheSource()
    {
        var state = new SourceState();
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in ReadAhead.BufferAsync(Numbers(1_000_000, state), 8, 2, cancel.Token))
            {
                if (item == 5)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.True(state.Disposed);
    }

    private static async IAsyncEnumerable<int> Numbers(int count, SourceState? state, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (state is not null)
                {
                    state.Produced++;
                }

                if (i % 64 == 0)
                {
                    await Task.Yield();
                }

                yield return i;
            }
        }
        finally
        {
            if (state is not null)
            {
                state.Disposed = true;
            }
        }
    }

    private static async IAsyncEnumerable<int> Failing(int after)
    {
        for (var i = 0; i < after; i++)
        {
            await Task.Yield();
            yield return i;
        }

        throw new InvalidOperationException("cursor broke");
    }

    private sealed class SourceState
    {
        public int Produced { get; set; }

        public bool Disposed { get; set; }
    }
}
