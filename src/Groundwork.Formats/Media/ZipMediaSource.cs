using System.Globalization;
using System.IO.Compression;
using Groundwork.Core.Import;

namespace Groundwork.Formats.Media;

/// <summary>
/// The files of a zip archive on disk, checked before any is read: at most <see cref="MediaImportLimits.MaxEntries"/>
/// entries (counted from the archive's end record first), no entry whose name is absolute, has a drive letter, a
/// backslash, an empty, <c>.</c> or <c>..</c> segment or a control character, no symbolic link, no encrypted entry,
/// and declared sizes within the per-file and total limits. Any of these refuses the whole archive, naming the entry.
/// Folder entries are left out; hidden and system files (a segment starting with '.', <c>__MACOSX/</c>) are passed over.
/// What an entry really inflates to is bounded again while it is read (see <see cref="MediaImporter"/>).
/// </summary>
public sealed class ZipMediaSource : IMediaSource
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;
    private readonly ZipArchive _archive;
    private readonly Dictionary<MediaEntry, ZipArchiveEntry> _entries = [];
    private readonly List<MediaEntry> _ordered = [];
    private readonly List<string> _passed = [];

    private ZipMediaSource(ZipArchive archive)
    {
        _archive = archive;
    }

    public IReadOnlyList<MediaEntry> Entries => _ordered;

    public IReadOnlyList<string> Passed => _passed;

    /// <summary>Opens and checks the archive; the stream must be seekable (a file) and is disposed with the source.</summary>
    public static ZipMediaSource Open(Stream archive, MediaImportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(limits);
        var declared = ZipDirectory.CountEntries(archive)
            ?? throw new MediaImportException("The body is not a zip archive: it has no end-of-central-directory record.", entry: null);
        if (declared > limits.MaxEntries)
        {
            throw new MediaImportException(string.Create(CultureInfo.InvariantCulture, $"The zip has {declared} entries; an import takes at most {limits.MaxEntries}."), entry: null);
        }

        archive.Position = 0;
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            throw new MediaImportException($"The body is not a readable zip archive: {e.Message}", entry: null, e);
        }

        var source = new ZipMediaSource(zip);
        try
        {
            source.Check(limits);
            return source;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public Stream Open(MediaEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            return _entries[entry].Open();
        }
        catch (InvalidDataException e)
        {
            throw new MediaImportException($"Entry \"{entry.Path}\" cannot be read: {e.Message}", entry.Path, e);
        }
    }

    public void Dispose() => _archive.Dispose();

    private void Check(MediaImportLimits limits)
    {
        IReadOnlyCollection<ZipArchiveEntry> entries;
        try
        {
            entries = _archive.Entries;
        }
        catch (InvalidDataException e)
        {
            throw new MediaImportException($"The zip's central directory is damaged: {e.Message}", entry: null, e);
        }

        if (entries.Count > limits.MaxEntries)
        {
            throw new MediaImportException(string.Create(CultureInfo.InvariantCulture, $"The zip has {entries.Count} entries; an import takes at most {limits.MaxEntries}."), entry: null);
        }

        long total = 0;
        foreach (var entry in entries)
        {
            var name = entry.FullName;
            if (CheckName(name) is { } problem)
            {
                throw new MediaImportException($"Entry \"{Printable(name)}\" {problem}; nothing was imported.", Printable(name));
            }

            if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink)
            {
                throw new MediaImportException($"Entry \"{name}\" is a symbolic link; links are not imported, and nothing was.", name);
            }

            var isFolder = name.EndsWith('/');
            if (isFolder)
            {
                continue;
            }

            if (entry.IsEncrypted)
            {
                throw new MediaImportException($"Entry \"{name}\" is encrypted; nothing was imported.", name);
            }

            if (entry.Length > limits.MaxFileBytes)
            {
                throw new MediaImportException(string.Create(CultureInfo.InvariantCulture, $"Entry \"{name}\" inflates to {entry.Length} bytes; one file may have at most {limits.MaxFileBytes}."), name);
            }

            total += entry.Length;
            if (total > limits.MaxTotalBytes)
            {
                throw new MediaImportException(string.Create(CultureInfo.InvariantCulture, $"Entry \"{name}\" takes the zip past {limits.MaxTotalBytes} bytes inflated, the most one import may hold."), name);
            }

            if (IsHidden(name))
            {
                _passed.Add(name);
                continue;
            }

            var media = new MediaEntry(name, entry.Length, entry.Crc32);
            if (_entries.TryAdd(media, entry))
            {
                _ordered.Add(media);
            }
        }
    }

    /// <summary>Why an entry name could reach outside the import, or null when it is a plain relative path.</summary>
    internal static string? CheckName(string name)
    {
        if (name.Length == 0)
        {
            return "has an empty name";
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "has a backslash in its name (a Windows path)";
        }

        if (name[0] == '/')
        {
            return "has an absolute path";
        }

        if (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0]))
        {
            return "starts with a drive letter";
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                return "has a control character in its name";
            }
        }

        var segments = name.TrimEnd('/').Split('/');
        foreach (var segment in segments)
        {
            if (segment == "..")
            {
                return "climbs out of the archive with '..'";
            }

            if (segment.Length == 0 || segment == ".")
            {
                return "has an empty or '.' path segment";
            }
        }

        return null;
    }

    internal static bool IsHidden(string path)
    {
        if (path.StartsWith("__MACOSX/", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.StartsWith('.') || segment.Equals("Thumbs.db", StringComparison.OrdinalIgnoreCase) || segment.Equals("desktop.ini", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Printable(string name)
    {
        var chars = name.Select(c => char.IsControl(c) ? '?' : c).ToArray();
        return new string(chars);
    }
}
