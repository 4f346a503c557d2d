namespace Groundwork.Core.Storage;

/// <summary>
/// Where media and produced files (exports) live: the local file store by default, an S3-compatible
/// bucket for several server processes. Keys are relative, slash-separated paths checked by
/// <see cref="BlobKey"/>; a store never resolves a key outside its own root. Blobs are written whole:
/// a reader sees either the complete blob or none.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any blob there, streaming it without holding it in memory.</summary>
    Task<BlobInfo> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading, or null when there is none under the key. The caller disposes the stream.</summary>
    Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>The blob's size and type without reading it, or null.</summary>
    Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes a blob; false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);
}
