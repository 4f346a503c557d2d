using System.Text.Json.Serialization;

namespace Groundwork.Demo;

/// <summary>One sample file: its path under the demo folder (which is also its URL under <c>/demo/</c>) and where it came from.</summary>
public sealed record DemoFile(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("package")] string Package,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("license")] string License);
