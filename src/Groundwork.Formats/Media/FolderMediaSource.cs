namespace Groundwork.Formats.Media;

/// <summary>
/// The files under a folder, recursively, in ordinal order of their relative paths (slash-separated). Symbolic links
/// (to files or folders) are passed over, never followed, so the import cannot leave the folder; so are hidden and
/// system files. The same entry and byte limits as for a zip apply.
/// </summary>
public sealed class FolderMediaSource : IMediaSource
{
    private readonly string _root;
    private readonly List<MediaEntry> _entries = [];
    private readonly List<string> _passed = [];

    private FolderMediaSource(string root)
    {
        _root = root;
    }

    public IReadOnlyList<MediaEntry> Entries => _entries;

    public IReadOnlyList<string> Passed => _passed;

    public static FolderMediaSource Open(string folder, MediaImportLimits limits)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(limits);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root} is not a folder.");
        }

        var source = new FolderMediaSource(root);
        source.Scan(limits);
        return source;
    }

    public Stream Open(MediaEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new FileStream(Path.Combine(_root, entry.Path.Replace('/', Path.DirectorySeparatorChar)), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
    }

    public void Dispose()
    {
    }

    private void Scan(MediaImportLimits limits)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        var found = new List<(string Relative, FileInfo Info)>();
        var count = 0;
        foreach (var path in Directory.EnumerateFileSystemEntries(_root, "*", options))
        {
            if (++count > limits.MaxEntries)
            {
                throw new Core.Import.MediaImportException($"The folder holds more than {limits.MaxEntries} entries, the most one import takes.", entry: null);
            }

            var relative = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            var info = new FileInfo(path);
            if ((info.Attributes & FileAttributes.Directory) != 0)
            {
                continue;
            }

            found.Add((relative, info));
        }

        // Links inside skipped folders never show up (AttributesToSkip); a link to a file is listed by its own attributes.
        found.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        long total = 0;
        foreach (var (relative, info) in found)
        {
            if (info.LinkTarget is not null || ZipMediaSource.IsHidden(relative))
            {
                _passed.Add(relative);
                continue;
            }

            if (info.Length > limits.MaxFileBytes)
            {
                throw new Core.Import.MediaImportException($"\"{relative}\" has {info.Length} bytes; one file may have at most {limits.MaxFileBytes}.", relative);
            }

            total += info.Length;
            if (total > limits.MaxTotalBytes)
            {
                throw new Core.Import.MediaImportException($"\"{relative}\" takes the folder past {limits.MaxTotalBytes} bytes, the most one import may hold.", relative);
            }

            _entries.Add(new MediaEntry(relative, info.Length));
        }
    }
}
