using System.IO.Compression;
using System.Net;

namespace Groundwork.Cli;

/// <summary>
/// An HTTP body that is a zip of a folder's files, written as it is sent (chunked, no length, nothing buffered but one
/// copy block): how <c>groundwork import --folder ... --server ...</c> uploads a folder. Entries are stored without
/// compression (images and audio are compressed already), under their slash-separated paths relative to the folder;
/// symbolic links are not followed. The server checks the entries as it checks any zip.
/// </summary>
public sealed class ZipFolderContent : HttpContent
{
    private readonly string _root;
    private readonly Action<long>? _filesSent;

    public ZipFolderContent(string folder, Action<long>? filesSent = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _root = Path.GetFullPath(folder);
        _filesSent = filesSent;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
    }

    /// <summary>The files that will be sent, relative and sorted, links left out.</summary>
    public static List<string> Files(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, ReturnSpecialDirectories = false };
        var files = Directory.EnumerateFiles(root, "*", options)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        long sent = 0;
        foreach (var relative in Files(_root))
        {
            var entry = zip.CreateEntry(relative, CompressionLevel.NoCompression);
            await using (var target = await entry.OpenAsync(cancellationToken))
            await using (var source = new FileStream(Path.Combine(_root, relative), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
            {
                await source.CopyToAsync(target, 1 << 16, cancellationToken);
            }

            _filesSent?.Invoke(++sent);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
