using Groundwork.Core.Storage;
using Groundwork.Data.Blobs;
using Groundwork.Testing;

namespace Groundwork.Data.Tests.Blobs;

/// <summary>
/// The blob store contract on a real S3-compatible server (s3rver on loopback, started by <c>.ci/run</c>;
/// skipped without <c>GROUNDWORK_TEST_S3</c>, failed under CI), and what only the S3 store does.
/// </summary>
public sealed class S3BlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly TemporaryFolder _spool = new();
    private readonly List<S3BlobStore> _stores = [];

    protected override async Task<IBlobStore> CreateStoreAsync() => Create(await S3TestServer.CreateBucketAsync(), "groundwork/");

    [Fact]
    public async Task StoresWithDifferentPrefixes_ShareABucketWithoutSeeingEachOther()
    {
        var bucket = await S3TestServer.CreateBucketAsync();
        var first = Create(bucket, "install-a/");
        var second = Create(bucket, "install-b/");
        await first.PutAsync("media/x.png", new MemoryStream([1, 2]), "image/png", CancellationToken.None);

        Assert.Null(await second.GetInfoAsync("media/x.png", CancellationToken.None));
        Assert.False(await second.DeleteAsync("media/x.png", CancellationToken.None));
        Assert.Equal([1, 2], await ReadAllAsync(first, "media/x.png"));

        // The object really sits under the prefix in the bucket.
        using var client = S3TestServer.CreateClient(S3TestServer.RequireEndpoint());
        var listed = await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket });
        Assert.Equal("install-a/media/x.png", Assert.Single(listed.S3Objects).Key);
    }

    [Fact]
    public async Task ContentType_IsKeptWithTheBlob()
    {
        var store = Create(await S3TestServer.CreateBucketAsync(), string.Empty);
        await store.PutAsync("a.wav", new MemoryStream([1]), "audio/wav", CancellationToken.None);

        Assert.Equal("audio/wav", (await store.GetInfoAsync("a.wav", CancellationToken.None))!.ContentType);
    }

    [Fact]
    public async Task Put_FromAForwardOnlySource_LeavesNoSpoolFileBehind()
    {
        var store = Create(await S3TestServer.CreateBucketAsync(), string.Empty);
        await store.PutAsync("big.bin", new ForwardOnlyStream(RandomBytes(500_000, 1)), null, CancellationToken.None);
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("broken.bin", new FailingStream(), null, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_spool.Path));
    }

    [Fact]
    public async Task Reading_ABlobReplacedAfterItWasOpened_FailsInsteadOfMixingVersions()
    {
        var store = Create(await S3TestServer.CreateBucketAsync(), string.Empty);
        await store.PutAsync("v.bin", new MemoryStream(RandomBytes(1000, 1)), null, CancellationToken.None);
        await using var content = await store.OpenReadAsync("v.bin", CancellationToken.None);
        await store.PutAsync("v.bin", new MemoryStream(RandomBytes(1000, 2)), null, CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(async () => await content!.Stream.ReadExactlyAsync(new byte[10]));
    }

    [Theory]
    [InlineData("no-slash")]
    [InlineData("../up/")]
    [InlineData("/abs/")]
    public void Prefix_MustBeAKeyEndingInASlash(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new S3BlobStore(Settings("bucket", prefix)));
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _spool.Dispose();
    }

    private S3BlobStore Create(string bucket, string prefix)
    {
        var store = new S3BlobStore(Settings(bucket, prefix) with { Endpoint = S3TestServer.RequireEndpoint() });
        _stores.Add(store);
        return store;
    }

    private S3BlobStoreSettings Settings(string bucket, string prefix) =>
        new(bucket, S3TestServer.Region, new Uri("http://127.0.0.1:1"), S3TestServer.AccessKey, S3TestServer.SecretKey, prefix, _spool.Path);
}
