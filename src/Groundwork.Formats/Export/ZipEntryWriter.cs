using System.IO.Compression;

namespace Groundwork.Formats.Export;

/// <summary>
/// Streams a zip archive in create mode, one whole entry at a time: each entry is compressed into a
/// spool and then written to the output asynchronously, so memory holds one entry (plus the central
/// directory the zip format needs at the end: a few dozen bytes per entry).
/// </summary>
internal sealed class ZipEntryWriter(TimeProvider timeProvider)
{
    private readonly SpoolStream _spool = new();
    private ZipArchive? _archive;
    private Stream? _output;

    public ValueTask StartAsync(Stream output, CancellationToken cancellationToken)
    {
        _output = output;
        _archive = new ZipArchive(_spool, ZipArchiveMode.Create, leaveOpen: true);
        return ValueTask.CompletedTask;
    }

    public async ValueTask WriteEntryAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var archive = _archive ?? throw new InvalidOperationException("call WriteStartAsync first");
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = timeProvider.GetUtcNow();
        using (var stream = entry.Open())
        {
            stream.Write(content.Span);
        }

        await _spool.DrainToAsync(_output!, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask EndAsync(CancellationToken cancellationToken)
    {
        if (_archive is null)
        {
            return;
        }

        _archive.Dispose();
        _archive = null;
        await _spool.DrainToAsync(_output!, cancellationToken).ConfigureAwait(false);
        await _output!.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
