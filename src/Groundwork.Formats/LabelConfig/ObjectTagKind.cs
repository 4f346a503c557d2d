using System.Text.Json.Serialization;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>
/// The Label Studio object tags Groundwork understands: the tags that display task data.
/// Serialised as the XML tag name (<c>"Image"</c>, <c>"Text"</c> ...).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObjectTagKind>))]
public enum ObjectTagKind
{
    Image,
    Text,
    HyperText,
    Audio,
    Video,
    Paragraphs,
    TimeSeries,
    Table,
    List,
}
