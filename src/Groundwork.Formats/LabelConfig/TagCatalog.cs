using System.Collections.Frozen;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>What the parser knows about each Label Studio tag. Tag names match case-insensitively, as in Label Studio.</summary>
internal static class TagCatalog
{
    public static readonly FrozenDictionary<string, ObjectTagKind> ObjectTags = new Dictionary<string, ObjectTagKind>
    {
        ["Image"] = ObjectTagKind.Image,
        ["Text"] = ObjectTagKind.Text,
        ["HyperText"] = ObjectTagKind.HyperText,
        ["Audio"] = ObjectTagKind.Audio,
        ["AudioPlus"] = ObjectTagKind.Audio,
        ["Video"] = ObjectTagKind.Video,
        ["Paragraphs"] = ObjectTagKind.Paragraphs,
        ["TimeSeries"] = ObjectTagKind.TimeSeries,
        ["Table"] = ObjectTagKind.Table,
        ["List"] = ObjectTagKind.List,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenDictionary<string, ControlTagKind> ControlTags =
        Enum.GetValues<ControlTagKind>().ToFrozenDictionary(k => k.ToString(), k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>The tags that are options of a control; outside one they are an error.</summary>
    public static readonly FrozenSet<string> OptionTags =
        new[] { "Label", "Choice", "Relation", "Bucket" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>type</c> a control's result regions carry.</summary>
    public static string ResultType(ControlTagKind kind) => kind switch
    {
        ControlTagKind.Relations => "relation",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The child tag that holds the control's options, or null when it takes none.</summary>
    public static string? OptionTag(ControlTagKind kind) => kind switch
    {
        ControlTagKind.Choices or ControlTagKind.Taxonomy => "Choice",
        ControlTagKind.Relations => "Relation",
        ControlTagKind.Ranker => "Bucket",
        _ when IsLabels(kind) => "Label",
        _ => null,
    };

    /// <summary>Labels-family controls: options are <c>Label</c> children and results carry them in an array.</summary>
    public static bool IsLabels(ControlTagKind kind) => kind is ControlTagKind.Labels
        or ControlTagKind.RectangleLabels or ControlTagKind.PolygonLabels or ControlTagKind.KeyPointLabels
        or ControlTagKind.BrushLabels or ControlTagKind.EllipseLabels or ControlTagKind.HyperTextLabels
        or ControlTagKind.ParagraphLabels or ControlTagKind.TimeSeriesLabels;

    /// <summary>Controls that are useless without options (unless the options come from task data).</summary>
    public static bool RequiresOptions(ControlTagKind kind) =>
        IsLabels(kind) || kind is ControlTagKind.Choices or ControlTagKind.Taxonomy;

    /// <summary>Controls without <c>name</c>/<c>toName</c> in Label Studio's own examples.</summary>
    public static bool NeedsNameAndTarget(ControlTagKind kind) => kind != ControlTagKind.Relations;

    /// <summary>Controls whose <c>toName</c> may list several objects.</summary>
    public static bool AllowsSeveralTargets(ControlTagKind kind) =>
        kind is ControlTagKind.Pairwise or ControlTagKind.Relations;

    /// <summary>The object kinds a control can label, or null when any will do.</summary>
    public static ObjectTagKind[]? CompatibleTargets(ControlTagKind kind) => kind switch
    {
        ControlTagKind.RectangleLabels or ControlTagKind.PolygonLabels or ControlTagKind.KeyPointLabels
            or ControlTagKind.BrushLabels or ControlTagKind.EllipseLabels or ControlTagKind.Rectangle
            or ControlTagKind.Polygon or ControlTagKind.KeyPoint or ControlTagKind.Ellipse
            or ControlTagKind.Brush => [ObjectTagKind.Image],
        ControlTagKind.HyperTextLabels => [ObjectTagKind.HyperText],
        ControlTagKind.ParagraphLabels => [ObjectTagKind.Paragraphs],
        ControlTagKind.TimeSeriesLabels => [ObjectTagKind.TimeSeries],
        ControlTagKind.VideoRectangle => [ObjectTagKind.Video],
        ControlTagKind.Ranker => [ObjectTagKind.List],
        _ => null,
    };
}
