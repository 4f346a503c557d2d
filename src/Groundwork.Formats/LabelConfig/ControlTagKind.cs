using System.Text.Json.Serialization;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>
/// The Label Studio control tags Groundwork understands: the tags that produce results.
/// Serialised as the XML tag name (<c>"RectangleLabels"</c>, <c>"Choices"</c> ...).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ControlTagKind>))]
public enum ControlTagKind
{
    Choices,
    Labels,
    RectangleLabels,
    PolygonLabels,
    KeyPointLabels,
    BrushLabels,
    EllipseLabels,
    HyperTextLabels,
    ParagraphLabels,
    TimeSeriesLabels,
    Rectangle,
    Polygon,
    KeyPoint,
    Ellipse,
    Brush,
    VideoRectangle,
    TextArea,
    Rating,
    Number,
    DateTime,
    Pairwise,
    Ranker,
    Taxonomy,
    Relations,
}
