using System.Text;
using Groundwork.Data.Blobs;
using Groundwork.Testing;

namespace Groundwork.Data.Tests.Blobs;

public sealed class LocalBlobStoreTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Put_ThenOpen_ReturnsTheSameBytes()
    {
        var store = new LocalBlobStore(_folder.Combine("blobs"));
        var bytes = Encoding.UTF8.GetBytes("hello, blob");
        var info = await store.PutAsync("projects/1/media/a.txt", new MemoryStream(bytes), "text/plain", CancellationToken.None);

        Assert.Equal(bytes.Length, info.Length);
        await using var content = await store.OpenReadAsync("projects/1/media/a.txt", CancellationToken.None);
        Assert.NotNull(content);
        var read = new MemoryStream();
        await content.Stream.CopyToAsync(read);
        Assert.Equal(bytes, read.ToArray());
        Assert.Equal(bytes.Length, (await store.GetInfoAsync("projects/1/media/a.txt", CancellationToken.None))!.Length);
    }

    [Fact]
    public async Task Put_ReplacesAnExistingBlob_AndDeleteRemovesIt()
    {
        var store = new LocalBlobStore(_folder.Combine("blobs"));
        await store.PutAsync("x/y.bin", new MemoryStream([1, 2, 3]), null, CancellationToken.None);
        await store.PutAsync("x/y.bin", new MemoryStream([9]), null, CancellationToken.None);

        Assert.Equal(1, (await store.GetInfoAsync("x/y.bin", CancellationToken.None))!.Length);
        Assert.True(await store.DeleteAsync("x/y.bin", CancellationToken.None));
        Assert.False(await store.DeleteAsync("x/y.bin", CancellationToken.None));
        Assert.Null(await store.OpenReadAsync("x/y.bin", CancellationToken.None));
        Assert.Null(await store.GetInfoAsync("x/y.bin", CancellationToken.None));
    }

    [Fact]
    public async Task Put_WhenTheSourceFails_LeavesNoBlobAndNoPartialFile()
    {
        var store = new LocalBlobStore(_folder.Combine("blobs"));
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("a/b.bin", new FailingStream(), null, CancellationToken.None));

        Assert.Null(await store.GetInfoAsync("a/b.bin", CancellationToken.None));
        var partial = Path.Combine(store.Root, ".partial");
        Assert.True(!Directory.Exists(partial) || Directory.GetFiles(partial).Length == 0);
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a\\..\\b")]
    [InlineData(".partial/x")]
    [InlineData("")]
    public async Task KeysThatCouldEscapeTheRoot_AreRefused(string key)
    {
        var store = new LocalBlobStore(_folder.Combine("blobs"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new MemoryStream([1]), null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(key, CancellationToken.None));
        Assert.False(File.Exists(_folder.Combine("outside.txt")));
    }

    public void Dispose() => _folder.Dispose();

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0)
            {
                throw new IOException("the source broke");
            }

            buffer[offset] = 42;
            return 1;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_reads++ > 0)
            {
                throw new IOException("the source broke");
            }

            buffer.Span[0] = 42;
            return ValueTask.FromResult(1);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
