using System.Globalization;
using System.Text.Json;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// What the image formats (COCO, YOLO, Pascal VOC) share: the image object they export, its categories
/// (from the label config, sorted by name, ids from 0 as label-studio-converter numbers them; a
/// <c>category="N"</c> attribute on a Label fixes its id), and the regions of a result on that image.
/// </summary>
internal sealed class ImageTaskReader
{
    private readonly LabelConfig _config;
    private readonly Dictionary<string, int> _categoryIds = new(StringComparer.Ordinal);

    public ImageTaskReader(LabelConfig config)
    {
        _config = config;
        Image = config.ObjectTags.FirstOrDefault(o => o.Kind == ObjectTagKind.Image)
            ?? throw new ArgumentException("the labeling configuration has no <Image> tag to export", nameof(config));

        var labels = new SortedSet<string>(StringComparer.Ordinal);
        var fixedIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var control in config.ControlTags)
        {
            if (!IsImageLabels(control))
            {
                continue;
            }

            foreach (var option in control.Options)
            {
                labels.Add(option.ResultValue);
                if (option.Attributes.TryGetValue("category", out var category)
                    && int.TryParse(category, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    fixedIds.TryAdd(option.ResultValue, id);
                }
            }
        }

        var used = new HashSet<int>(fixedIds.Values);
        var next = 0;
        var categories = new List<(int Id, string Name)>();
        foreach (var label in labels)
        {
            if (!fixedIds.TryGetValue(label, out var id))
            {
                while (used.Contains(next))
                {
                    next++;
                }

                id = next++;
            }

            _categoryIds[label] = id;
            categories.Add((id, label));
        }

        categories.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        Categories = categories;
    }

    /// <summary>The image object exported: the first <c>Image</c> of the config.</summary>
    public ObjectTag Image { get; }

    /// <summary>The categories, by id.</summary>
    public IReadOnlyList<(int Id, string Name)> Categories { get; }

    public bool TryGetCategory(string label, out int id) => _categoryIds.TryGetValue(label, out id);

    /// <summary>The first <c>original_width</c>/<c>original_height</c> of a region on the image, if any.</summary>
    public (int Width, int Height)? ImageSize(JsonElement result)
    {
        foreach (var region in result.EnumerateArray())
        {
            if (region.ValueKind == JsonValueKind.Object && IsOnImage(region)
                && region.TryGetProperty("original_width", out var w) && w.TryGetInt32(out var width) && width > 0
                && region.TryGetProperty("original_height", out var h) && h.TryGetInt32(out var height) && height > 0)
            {
                return (width, height);
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a task the way every image format needs it: the image reference from the task's data, the image
    /// size the first result carries, and the regions of all its results. False when it has no result to export.
    /// </summary>
    public bool TryRead(Core.Export.ExportTask task, ExportOptions options, List<ImageRegion> regions, out string? reference, out (int Width, int Height)? size)
    {
        ArgumentNullException.ThrowIfNull(task);
        regions.Clear();
        reference = null;
        size = null;
        using var results = TaskResults.Select(task, options);
        if (results.Items.Count == 0)
        {
            return false;
        }

        using var data = JsonDocument.Parse(task.DataJson);
        reference = TaskData.String(data.RootElement, Image.Variable);
        foreach (var (_, result) in results.Items)
        {
            size ??= ImageSize(result);
            CollectRegions(result, regions);
        }

        return true;
    }

    /// <summary>Adds the labeled boxes, polygons and key points of <paramref name="result"/> on the image.</summary>
    public void CollectRegions(JsonElement result, List<ImageRegion> regions)
    {
        foreach (var region in result.EnumerateArray())
        {
            if (region.ValueKind != JsonValueKind.Object || !IsOnImage(region)
                || !region.TryGetProperty("from_name", out var fromName) || fromName.ValueKind != JsonValueKind.String
                || _config.FindControl(fromName.GetString()!) is not { } control || !IsImageLabels(control)
                || !region.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object
                || FirstLabel(value, control.ResultType) is not { } label)
            {
                continue;
            }

            if (value.TryGetProperty("points", out var points) && points.ValueKind == JsonValueKind.Array)
            {
                if (ReadPoints(points) is { } flat)
                {
                    regions.Add(new ImageRegion(ImageShape.Polygon, label, 0, 0, 0, 0, 0, flat));
                }
            }
            else if (Number(value, "x") is { } x && Number(value, "y") is { } y)
            {
                if (control.Kind != ControlTagKind.KeyPointLabels && Number(value, "width") is { } width && Number(value, "height") is { } height)
                {
                    regions.Add(new ImageRegion(ImageShape.Box, label, x, y, width, height, Number(value, "rotation") ?? 0, []));
                }
                else
                {
                    regions.Add(new ImageRegion(ImageShape.KeyPoint, label, x, y, 0, 0, 0, []));
                }
            }
        }
    }

    private static bool IsImageLabels(ControlTag control) =>
        control.Kind is ControlTagKind.RectangleLabels or ControlTagKind.PolygonLabels or ControlTagKind.KeyPointLabels
            or ControlTagKind.Labels;

    private bool IsOnImage(JsonElement region) =>
        region.TryGetProperty("to_name", out var toName) && toName.ValueKind == JsonValueKind.String
        && string.Equals(toName.GetString(), Image.Name, StringComparison.Ordinal);

    private static string? FirstLabel(JsonElement value, string resultType)
    {
        if ((value.TryGetProperty(resultType, out var labels) || value.TryGetProperty("labels", out labels))
            && labels.ValueKind == JsonValueKind.Array && labels.GetArrayLength() > 0 && labels[0].ValueKind == JsonValueKind.String)
        {
            return labels[0].GetString();
        }

        return null;
    }

    private static double[]? ReadPoints(JsonElement points)
    {
        var flat = new double[points.GetArrayLength() * 2];
        var i = 0;
        foreach (var point in points.EnumerateArray())
        {
            if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() < 2
                || !point[0].TryGetDouble(out flat[i]) || !point[1].TryGetDouble(out flat[i + 1]))
            {
                return null;
            }

            i += 2;
        }

        return flat.Length >= 6 ? flat : null;
    }

    private static double? Number(JsonElement value, string name) =>
        value.TryGetProperty(name, out var number) && number.ValueKind == JsonValueKind.Number
            && number.TryGetDouble(out var result) && double.IsFinite(result) ? result : null;
}
