using System.Collections.Concurrent;
using Groundwork.Core.Storage;

namespace Groundwork.Formats.Tests.Media;

/// <summary>An in-memory blob store for the media importer's tests; counts puts.</summary>
public sealed class MemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string? Type)> _blobs = new(StringComparer.Ordinal);

    private int _puts;

    public int Puts => _puts;

    public IReadOnlyCollection<string> Keys => [.. _blobs.Keys];

    public byte[] this[string key] => _blobs[key].Bytes;

    public async Task<BlobInfo> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        BlobKey.Check(key);
        var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        _blobs[key] = (copy.ToArray(), contentType);
        Interlocked.Increment(ref _puts);
        return new BlobInfo(key, copy.Length, contentType, DateTimeOffset.UtcNow);
    }

    public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_blobs.TryGetValue(key, out var blob)
            ? new BlobContent(new BlobInfo(key, blob.Bytes.Length, blob.Type, DateTimeOffset.UtcNow), new MemoryStream(blob.Bytes, writable: false))
            : null);

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_blobs.TryGetValue(key, out var blob) ? new BlobInfo(key, blob.Bytes.Length, blob.Type, DateTimeOffset.UtcNow) : null);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => Task.FromResult(_blobs.TryRemove(key, out _));
}
