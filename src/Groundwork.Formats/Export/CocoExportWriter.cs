using System.Text.Json;
using Groundwork.Core.Export;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// COCO object detection JSON: <c>images</c> (one per task with an image and its size), <c>annotations</c>
/// (boxes as <c>bbox</c> [x, y, width, height] in pixels; polygons as <c>segmentation</c>; key points as
/// <c>keypoints</c> [x, y, 2]) and <c>categories</c> from the label config, ids from 0 as label-studio-converter
/// numbers them. Image and annotation ids count from 0. Pixel sizes come from the results'
/// <c>original_width</c>/<c>original_height</c>; a task without them is skipped (see <see cref="SkippedTasks"/>).
/// Annotations stream to the output; the small <c>images</c> entries wait in a scratch stream and are
/// written last (JSON readers do not care about key order).
/// </summary>
public sealed class CocoExportWriter(LabelConfig config, ExportOptions? options = null) : IExportWriter
{
    private readonly ExportOptions _options = options ?? ExportOptions.Default;
    private readonly ImageTaskReader _reader = new(config);
    private readonly OutputBuffer _buffer = new();
    private readonly List<ImageRegion> _regions = [];
    private Stream? _output;
    private Stream? _images;
    private long _nextImageId;
    private long _nextAnnotationId;

    public string FormatName => "COCO";

    public string ContentType => "application/json";

    public string FileExtension => ".json";

    /// <summary>Tasks with results that could not be exported: no image reference or no image size.</summary>
    public long SkippedTasks { get; private set; }

    public async ValueTask WriteStartAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _images = _options.CreateScratchStream();

        var json = _buffer.StartJson();
        json.WriteStartObject();
        json.WriteStartObject("info");
        var now = _options.TimeProvider.GetUtcNow();
        json.WriteNumber("year", now.Year);
        json.WriteString("version", "1.0");
        json.WriteString("description", "");
        json.WriteString("contributor", "Groundwork");
        json.WriteString("url", "");
        json.WriteString("date_created", now);
        json.WriteEndObject();
        json.WriteStartArray("categories");
        foreach (var (id, name) in _reader.Categories)
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteString("name", name);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        _buffer.EndJson();
        // The object stays open: "annotations" streams next, by hand.
        _buffer.Write(",\"annotations\":["u8);
        await _buffer.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteTaskAsync(ExportTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var output = _output ?? throw new InvalidOperationException("call WriteStartAsync first");
        if (!_reader.TryRead(task, _options, _regions, out var reference, out var size))
        {
            return;
        }

        if (reference is null || size is not { } pixels)
        {
            SkippedTasks++;
            return;
        }

        var imageId = _nextImageId++;
        WriteImage(imageId, ImageFileName.Of(reference, task.Id), pixels);
        await _buffer.FlushToAsync(_images!, cancellationToken).ConfigureAwait(false);

        foreach (var region in _regions)
        {
            if (_reader.TryGetCategory(region.Label, out var categoryId))
            {
                WriteAnnotation(imageId, categoryId, region, pixels);
            }
        }

        await _buffer.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("call WriteStartAsync first");
        _buffer.Write("],\"images\":["u8);
        await _buffer.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
        await using (_images!.ConfigureAwait(false))
        {
            _images!.Position = 0;
            await _images.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }

        _buffer.Write("]}\n"u8);
        await _buffer.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteImage(long imageId, string fileName, (int Width, int Height) pixels)
    {
        if (imageId > 0)
        {
            _buffer.Write((byte)',');
        }

        var json = _buffer.StartJson();
        json.WriteStartObject();
        json.WriteNumber("id", imageId);
        json.WriteString("file_name", fileName);
        json.WriteNumber("width", pixels.Width);
        json.WriteNumber("height", pixels.Height);
        json.WriteEndObject();
        _buffer.EndJson();
    }

    private void WriteAnnotation(long imageId, int categoryId, ImageRegion region, (int Width, int Height) pixels)
    {
        var annotationId = _nextAnnotationId++;
        if (annotationId > 0)
        {
            _buffer.Write((byte)',');
        }

        var (left, top, right, bottom) = region.Bounds(pixels.Width, pixels.Height);
        var x = Px(left, pixels.Width);
        var y = Px(top, pixels.Height);
        var width = Px(right - left, pixels.Width);
        var height = Px(bottom - top, pixels.Height);

        var json = _buffer.StartJson();
        json.WriteStartObject();
        json.WriteNumber("id", annotationId);
        json.WriteNumber("image_id", imageId);
        json.WriteNumber("category_id", categoryId);
        json.WriteStartArray("segmentation");
        if (region.Shape == ImageShape.Polygon)
        {
            json.WriteStartArray();
            for (var i = 0; i + 1 < region.Points.Length; i += 2)
            {
                json.WriteNumberValue(Px(region.Points[i], pixels.Width));
                json.WriteNumberValue(Px(region.Points[i + 1], pixels.Height));
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("bbox");
        json.WriteNumberValue(x);
        json.WriteNumberValue(y);
        json.WriteNumberValue(width);
        json.WriteNumberValue(height);
        json.WriteEndArray();
        json.WriteNumber("area", region.Shape == ImageShape.Polygon ? PolygonArea(region.Points, pixels) : Math.Round(width * height, 2));
        json.WriteNumber("iscrowd", 0);
        json.WriteNumber("ignore", 0);
        if (region.Shape == ImageShape.KeyPoint)
        {
            json.WriteStartArray("keypoints");
            json.WriteNumberValue(x);
            json.WriteNumberValue(y);
            json.WriteNumberValue(2);
            json.WriteEndArray();
            json.WriteNumber("num_keypoints", 1);
        }

        json.WriteEndObject();
        _buffer.EndJson();
    }

    private static double Px(double percent, int size) => Math.Round(percent / 100 * size, 2);

    /// <summary>The shoelace area of a polygon given in percent, in square pixels.</summary>
    private static double PolygonArea(double[] points, (int Width, int Height) pixels)
    {
        var twice = 0.0;
        var n = points.Length / 2;
        for (var i = 0; i < n; i++)
        {
            var j = (i + 1) % n;
            var (xi, yi) = (points[2 * i] / 100 * pixels.Width, points[2 * i + 1] / 100 * pixels.Height);
            var (xj, yj) = (points[2 * j] / 100 * pixels.Width, points[2 * j + 1] / 100 * pixels.Height);
            twice += xi * yj - xj * yi;
        }

        return Math.Round(Math.Abs(twice) / 2, 2);
    }
}
