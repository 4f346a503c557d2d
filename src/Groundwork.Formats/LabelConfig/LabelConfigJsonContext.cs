using System.Text.Json.Serialization;

namespace Groundwork.Formats.LabelConfigs;

/// <summary>
/// Source-generated JSON for the label config model, snake_case (<c>object_tags</c>, <c>to_names</c> ...);
/// tag kinds are written as their XML tag names and attribute dictionaries keep the XML spelling.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LabelConfig))]
[JsonSerializable(typeof(LabelConfigParseResult))]
[JsonSerializable(typeof(IReadOnlyList<LabelConfigError>))]
public sealed partial class LabelConfigJsonContext : JsonSerializerContext
{
}
