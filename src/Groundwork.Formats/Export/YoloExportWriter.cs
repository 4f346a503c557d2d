using System.Globalization;
using System.Text.Json;
using Groundwork.Core.Export;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// YOLO, as label-studio-converter lays it out, in a zip: <c>labels/&lt;image&gt;.txt</c> per task with results
/// (a box per line as <c>class cx cy w h</c>, normalised to 0..1; a polygon as <c>class x1 y1 x2 y2 ...</c>,
/// the YOLO segmentation format), <c>classes.txt</c> (one name per line, line number = class id) and
/// <c>notes.json</c>. Images are not included. Key points are not exported.
/// </summary>
public sealed class YoloExportWriter(LabelConfig config, ExportOptions? options = null) : IExportWriter
{
    private readonly ExportOptions _options = options ?? ExportOptions.Default;
    private readonly ImageTaskReader _reader = new(config);
    private readonly OutputBuffer _buffer = new();
    private readonly EntryNames _names = new();
    private readonly List<ImageRegion> _regions = [];
    private ZipEntryWriter? _zip;

    public string FormatName => "YOLO";

    public string ContentType => "application/zip";

    public string FileExtension => ".zip";

    /// <summary>Tasks with results that could not be exported: no image reference.</summary>
    public long SkippedTasks { get; private set; }

    public async ValueTask WriteStartAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        _zip = new ZipEntryWriter(_options.TimeProvider);
        await _zip.StartAsync(output, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteTaskAsync(ExportTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var zip = _zip ?? throw new InvalidOperationException("call WriteStartAsync first");
        if (!_reader.TryRead(task, _options, _regions, out var reference, out var size))
        {
            return;
        }

        if (reference is null)
        {
            SkippedTasks++;
            return;
        }

        foreach (var region in _regions)
        {
            if (region.Shape == ImageShape.KeyPoint || !_reader.TryGetCategory(region.Label, out var classId))
            {
                continue;
            }

            WriteNumber(classId);
            if (region.Shape == ImageShape.Box)
            {
                double cx, cy, w, h;
                if (region.Rotation % 360 == 0)
                {
                    // The same arithmetic as label-studio-converter, so values match it to the last digit.
                    (cx, cy) = ((region.X + region.Width / 2) / 100, (region.Y + region.Height / 2) / 100);
                    (w, h) = (region.Width / 100, region.Height / 100);
                }
                else
                {
                    var (left, top, right, bottom) = region.Bounds(size?.Width, size?.Height);
                    (cx, cy, w, h) = ((left + right) / 200, (top + bottom) / 200, (right - left) / 100, (bottom - top) / 100);
                }

                WriteSpaceAndNumber(cx);
                WriteSpaceAndNumber(cy);
                WriteSpaceAndNumber(w);
                WriteSpaceAndNumber(h);
            }
            else
            {
                foreach (var coordinate in region.Points)
                {
                    WriteSpaceAndNumber(coordinate / 100);
                }
            }

            _buffer.Write((byte)'\n');
        }

        var name = _names.Reserve(ImageFileName.Stem(ImageFileName.Of(reference, task.Id)), task.Id);
        await zip.WriteEntryAsync($"labels/{name}.txt", _buffer.Written, cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        var zip = _zip ?? throw new InvalidOperationException("call WriteStartAsync first");
        foreach (var (_, name) in _reader.Categories)
        {
            _buffer.Write(name);
            _buffer.Write((byte)'\n');
        }

        await zip.WriteEntryAsync("classes.txt", _buffer.Written, cancellationToken).ConfigureAwait(false);
        _buffer.Clear();

        var json = _buffer.StartJson();
        json.WriteStartObject();
        json.WriteStartArray("categories");
        foreach (var (id, name) in _reader.Categories)
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteString("name", name);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("info");
        json.WriteNumber("year", _options.TimeProvider.GetUtcNow().Year);
        json.WriteString("version", "1.0");
        json.WriteString("contributor", "Groundwork");
        json.WriteEndObject();
        json.WriteEndObject();
        _buffer.EndJson();
        await zip.WriteEntryAsync("notes.json", _buffer.Written, cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
        await zip.EndAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteNumber(double value)
    {
        Span<char> digits = stackalloc char[32];
        value.TryFormat(digits, out var written, "R", CultureInfo.InvariantCulture);
        _buffer.Write(digits[..written]);
    }

    private void WriteSpaceAndNumber(double value)
    {
        _buffer.Write((byte)' ');
        WriteNumber(value);
    }
}
