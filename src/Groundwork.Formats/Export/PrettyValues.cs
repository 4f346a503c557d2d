using System.Text.Json;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// Label Studio's "minimal" form of a control's answer, as JSON_MIN and CSV show it: a single choice or a
/// single text answer as a plain string; otherwise the region values (with <c>original_width</c> and
/// <c>original_height</c> copied in when the region has them), one per region, in an array, except that
/// Choices and TextArea with one region give that value alone.
/// </summary>
internal static class PrettyValues
{
    /// <summary>Whether <paramref name="result"/> has a region from <paramref name="control"/>.</summary>
    public static bool Has(ControlTag control, JsonElement result)
    {
        foreach (var region in result.EnumerateArray())
        {
            if (IsFrom(region, control))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The answer as a plain string, when it is one (a single choice or text).</summary>
    public static string? AsString(ControlTag control, JsonElement result)
    {
        JsonElement? only = null;
        foreach (var region in result.EnumerateArray())
        {
            if (IsFrom(region, control))
            {
                if (only is not null)
                {
                    return null;
                }

                only = region;
            }
        }

        return only is { } r && SingleString(control, r.GetProperty("value")) is { } s ? s.GetString() : null;
    }

    /// <summary>Writes the answer of <paramref name="control"/> in <paramref name="result"/>; call only when <see cref="Has"/>.</summary>
    public static void Write(Utf8JsonWriter json, ControlTag control, JsonElement result)
    {
        var count = 0;
        foreach (var region in result.EnumerateArray())
        {
            count += IsFrom(region, control) ? 1 : 0;
        }

        var unwrap = count == 1 && control.Kind is ControlTagKind.Choices or ControlTagKind.TextArea;
        if (!unwrap)
        {
            json.WriteStartArray();
        }

        foreach (var region in result.EnumerateArray())
        {
            if (IsFrom(region, control))
            {
                WriteRegion(json, control, region);
            }
        }

        if (!unwrap)
        {
            json.WriteEndArray();
        }
    }

    private static void WriteRegion(Utf8JsonWriter json, ControlTag control, JsonElement region)
    {
        var value = region.GetProperty("value");
        if (SingleString(control, value) is { } single)
        {
            single.WriteTo(json);
            return;
        }

        json.WriteStartObject();
        foreach (var property in value.EnumerateObject())
        {
            property.WriteTo(json);
        }

        foreach (var size in (ReadOnlySpan<string>)["original_width", "original_height"])
        {
            if (region.TryGetProperty(size, out var pixels) && !value.TryGetProperty(size, out _))
            {
                json.WritePropertyName(size);
                pixels.WriteTo(json);
            }
        }

        json.WriteEndObject();
    }

    private static JsonElement? SingleString(ControlTag control, JsonElement value)
    {
        var name = control.Kind switch
        {
            ControlTagKind.Choices => "choices",
            ControlTagKind.TextArea => "text",
            _ => null,
        };
        return name is not null && value.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            && items.GetArrayLength() == 1 && items[0].ValueKind == JsonValueKind.String ? items[0] : null;
    }

    private static bool IsFrom(JsonElement region, ControlTag control) =>
        region.ValueKind == JsonValueKind.Object
        && region.TryGetProperty("from_name", out var fromName) && fromName.ValueEquals(control.Name)
        && region.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object;
}
