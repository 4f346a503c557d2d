using Groundwork.Core.Storage;
using Groundwork.Data.Blobs;
using Groundwork.Testing;

namespace Groundwork.Data.Tests.Blobs;

/// <summary>The blob store contract on the local file store, and what only the local store does.</summary>
public sealed class LocalBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(new LocalBlobStore(_folder.Combine("blobs")));

    [Fact]
    public async Task Put_WhenTheSourceFails_LeavesNoPartialFile()
    {
        var store = new LocalBlobStore(_folder.Combine("blobs"));
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("a/b.bin", new FailingStream(), null, CancellationToken.None));

        var partial = Path.Combine(store.Root, ".partial");
        Assert.True(!Directory.Exists(partial) || Directory.GetFiles(partial).Length == 0);
    }

    [Fact]
    public async Task KeysUnderTheTemporaryFolder_AreRefused_AndNothingIsWrittenOutsideTheRoot()
    {
        var store = new LocalBlobStore(_folder.Combine("blobs"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(".partial/x", new MemoryStream([1]), null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("../outside.txt", new MemoryStream([1]), null, CancellationToken.None));

        Assert.False(File.Exists(_folder.Combine("outside.txt")));
    }

    public void Dispose() => _folder.Dispose();
}
