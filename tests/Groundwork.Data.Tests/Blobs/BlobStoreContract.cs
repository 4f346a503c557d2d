using System.Text;
using Groundwork.Core.Storage;

namespace Groundwork.Data.Tests.Blobs;

/// <summary>
/// What every <see cref="IBlobStore"/> promises, run against each store (local files, S3). Stored bytes are always
/// read back and compared: a store answering success is not proof the data arrived intact.
/// </summary>
public abstract class BlobStoreContract
{
    /// <summary>A fresh, empty store for one test.</summary>
    protected abstract Task<IBlobStore> CreateStoreAsync();

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(300_000, true)]
    [InlineData(300_000, false)]
    [InlineData(3 * 1024 * 1024 + 17, false)]
    public async Task Put_ThenOpen_ReturnsTheSameBytes(int size, bool seekableSource)
    {
        var store = await CreateStoreAsync();
        var bytes = RandomBytes(size, seed: size);
        Stream source = seekableSource ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes);

        var info = await store.PutAsync("projects/1/media/a+b~c_d-e.bin", source, "application/x-test", CancellationToken.None);

        Assert.Equal(size, info.Length);
        Assert.Equal(bytes, await ReadAllAsync(store, "projects/1/media/a+b~c_d-e.bin"));
        var described = await store.GetInfoAsync("projects/1/media/a+b~c_d-e.bin", CancellationToken.None);
        Assert.NotNull(described);
        Assert.Equal(size, described.Length);
        Assert.InRange(described.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Put_ReplacesAnExistingBlob_AndDeleteRemovesIt()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync("x/y.bin", new MemoryStream([1, 2, 3]), null, CancellationToken.None);
        await store.PutAsync("x/y.bin", new MemoryStream([9]), null, CancellationToken.None);

        Assert.Equal([9], await ReadAllAsync(store, "x/y.bin"));
        Assert.Equal(1, (await store.GetInfoAsync("x/y.bin", CancellationToken.None))!.Length);
        Assert.True(await store.DeleteAsync("x/y.bin", CancellationToken.None));
        Assert.False(await store.DeleteAsync("x/y.bin", CancellationToken.None));
        Assert.Null(await store.OpenReadAsync("x/y.bin", CancellationToken.None));
        Assert.Null(await store.GetInfoAsync("x/y.bin", CancellationToken.None));
    }

    [Fact]
    public async Task MissingBlob_IsNullAndDeletesNothing()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync("kept/one.txt", new MemoryStream("one"u8.ToArray()), "text/plain", CancellationToken.None);

        Assert.Null(await store.OpenReadAsync("kept/two.txt", CancellationToken.None));
        Assert.Null(await store.GetInfoAsync("kept", CancellationToken.None));
        Assert.False(await store.DeleteAsync("kept/two.txt", CancellationToken.None));
        Assert.Equal("one"u8.ToArray(), await ReadAllAsync(store, "kept/one.txt"));
    }

    [Fact]
    public async Task Put_WhenTheSourceFails_LeavesNoBlob_AndKeepsThePreviousOne()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync("a/kept.bin", new MemoryStream([7, 7]), null, CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("a/b.bin", new FailingStream(), null, CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("a/kept.bin", new FailingStream(), null, CancellationToken.None));

        Assert.Null(await store.GetInfoAsync("a/b.bin", CancellationToken.None));
        Assert.Equal([7, 7], await ReadAllAsync(store, "a/kept.bin"));
    }

    [Fact]
    public async Task OpenedBlob_IsSeekable_SoRangesCanBeServed()
    {
        var store = await CreateStoreAsync();
        var bytes = RandomBytes(200_000, seed: 5);
        await store.PutAsync("media/audio.wav", new MemoryStream(bytes), "audio/wav", CancellationToken.None);

        await using var content = await store.OpenReadAsync("media/audio.wav", CancellationToken.None);
        Assert.NotNull(content);
        Assert.True(content.Stream.CanSeek);
        Assert.Equal(bytes.Length, content.Stream.Length);
        Assert.Equal(bytes.Length, content.Info.Length);

        content.Stream.Seek(150_000, SeekOrigin.Begin);
        Assert.Equal(bytes[150_000..150_100], await ReadExactlyAsync(content.Stream, 100));
        content.Stream.Position = 10;
        Assert.Equal(bytes[10..20], await ReadExactlyAsync(content.Stream, 10));
        Assert.Equal(20, content.Stream.Position);
        content.Stream.Seek(-5, SeekOrigin.End);
        Assert.Equal(bytes[^5..], await ReadExactlyAsync(content.Stream, 5));
        Assert.Equal(0, await content.Stream.ReadAtLeastAsync(new byte[8], 1, throwOnEndOfStream: false));
    }

    [Fact]
    public async Task SeveralBlobs_KeepTheirOwnBytes()
    {
        var store = await CreateStoreAsync();
        var blobs = Enumerable.Range(0, 20).ToDictionary(i => $"projects/{i % 3}/media/{i:D2}.png", i => RandomBytes(1000 + i * 37, seed: i));
        await Task.WhenAll(blobs.Select(b => store.PutAsync(b.Key, new ForwardOnlyStream(b.Value), "image/png", CancellationToken.None)));

        foreach (var (key, bytes) in blobs)
        {
            Assert.Equal(bytes, await ReadAllAsync(store, key));
        }
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a\\..\\b")]
    [InlineData("a/b/")]
    [InlineData("a b")]
    [InlineData("%2e%2e/x")]
    [InlineData("")]
    public async Task KeysThatCouldEscapeTheRoot_AreRefused(string key)
    {
        var store = await CreateStoreAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new MemoryStream([1]), null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetInfoAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key, CancellationToken.None));
    }

    protected static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> ReadAllAsync(IBlobStore store, string key)
    {
        await using var content = await store.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(content);
        var read = new MemoryStream();
        await content.Stream.CopyToAsync(read);
        Assert.Equal(content.Info.Length, read.Length);
        return read.ToArray();
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }

    /// <summary>A source that can only be read forward, like a request body or a zip entry.</summary>
    protected sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7000));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(buffer[..Math.Min(buffer.Length, 7000)], cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Gives one byte, then fails, like a connection that drops.</summary>
    protected sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Next(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Next(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Next(Span<byte> buffer)
        {
            if (_reads++ > 0)
            {
                throw new IOException("the source broke");
            }

            buffer[0] = 42;
            return 1;
        }
    }

    protected static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
