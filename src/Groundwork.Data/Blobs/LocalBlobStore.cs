using Groundwork.Core.Storage;

namespace Groundwork.Data.Blobs;

/// <summary>
/// The default blob store: files under one folder (<c>&lt;data dir&gt;/blobs</c>). A put streams into a
/// temporary file beside the target and renames it into place, so a reader never sees half a blob and a
/// crash leaves at most a stray temporary file. The local store keeps no content type: the serving layer
/// derives it from the key's extension.
/// </summary>
public sealed class LocalBlobStore : IBlobStore
{
    private const string TemporaryFolder = ".partial";
    private readonly string _root;

    public LocalBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Root => _root;

    public async Task<BlobInfo> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(_root, TemporaryFolder);
        Directory.CreateDirectory(temporary);
        var partial = Path.Combine(temporary, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        var info = new FileInfo(path);
        return new BlobInfo(key, info.Length, contentType, info.LastWriteTimeUtc);
    }

    public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var info = new FileInfo(path);
            return Task.FromResult<BlobContent?>(new BlobContent(new BlobInfo(key, stream.Length, null, info.LastWriteTimeUtc), stream));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<BlobContent?>(null);
        }
    }

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult(info.Exists ? new BlobInfo(key, info.Length, null, info.LastWriteTimeUtc) : null);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathOf(string key)
    {
        BlobKey.Check(key);
        if (key.StartsWith(TemporaryFolder + "/", StringComparison.Ordinal) || key == TemporaryFolder)
        {
            throw new ArgumentException($"blob keys may not start with {TemporaryFolder}", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' resolves outside the blob store", nameof(key));
        }

        return path;
    }
}
