using System.Text.Json;
using System.Text.Json.Serialization;

namespace Groundwork.Api.Contracts;

/// <summary>
/// JSON text that travels through the API as JSON, not as a string: stored task data and results are
/// written out verbatim and read in as whatever JSON value the client sent.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly record struct RawJson(string Text)
{
    public static RawJson? From(string? text) => text is null ? null : new RawJson(text);

    public override string ToString() => Text;
}
