using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Groundwork.Core.Streams;

/// <summary>
/// Runs an async sequence ahead of its consumer on another thread, through a bounded buffer: a reader (database
/// cursors, parsing) and a writer (serialising) then use two cores instead of taking turns on one. Order, errors and
/// cancellation carry over; a consumer that stops early stops the producer and waits for it, so whatever the source
/// holds open (a connection, a snapshot) is released before the enumeration ends.
/// </summary>
public static class ReadAhead
{
    /// <summary>
    /// Reads <paramref name="source"/> ahead in batches of <paramref name="batchSize"/> items, at most
    /// <paramref name="batches"/> batches ahead (handing over a batch, not an item, keeps the two threads from waking
    /// each other for every item).
    /// </summary>
    public static async IAsyncEnumerable<T> BufferAsync<T>(IAsyncEnumerable<T> source, int batchSize, int batches, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        var channel = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(batches) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var batch = new List<T>(batchSize);
                    await foreach (var item in source.WithCancellation(stop.Token).ConfigureAwait(false))
                    {
                        batch.Add(item);
                        if (batch.Count == batchSize)
                        {
                            await channel.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                            batch = new List<T>(batchSize);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await channel.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            },
            CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var batch))
                {
                    foreach (var item in batch)
                    {
                        yield return item;
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }
}
