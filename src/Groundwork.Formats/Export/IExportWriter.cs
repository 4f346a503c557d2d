using Groundwork.Core.Export;

namespace Groundwork.Formats.Export;

/// <summary>
/// Writes one export format to a stream, one task at a time, in bounded memory: call
/// <see cref="WriteStartAsync"/> once, <see cref="WriteTaskAsync"/> per task (in the order the reader
/// yields them), then <see cref="WriteEndAsync"/> once. A writer is used for one export only.
/// </summary>
public interface IExportWriter
{
    /// <summary>The format's name as Label Studio calls it where it has one (<c>"CSV"</c>, <c>"COCO"</c> ...).</summary>
    string FormatName { get; }

    /// <summary>The MIME type of the output.</summary>
    string ContentType { get; }

    /// <summary>The file extension of the output, with its dot.</summary>
    string FileExtension { get; }

    /// <summary>Begins the export on <paramref name="output"/>; the writer never closes it.</summary>
    ValueTask WriteStartAsync(Stream output, CancellationToken cancellationToken);

    /// <summary>Writes one task (with the results chosen by <see cref="ExportOptions"/>).</summary>
    ValueTask WriteTaskAsync(ExportTask task, CancellationToken cancellationToken);

    /// <summary>Finishes the export and flushes everything to the output.</summary>
    ValueTask WriteEndAsync(CancellationToken cancellationToken);
}
