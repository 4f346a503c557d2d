using System.Text.Json;

namespace Groundwork.Formats.Export;

/// <summary>Reads values out of a task's data JSON.</summary>
internal static class TaskData
{
    /// <summary>The string at <paramref name="key"/>, or null when it is missing or not a string.</summary>
    public static string? String(JsonElement data, string? key) =>
        key is not null && data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The value at <paramref name="key"/>, if the data is an object that has it.</summary>
    public static bool TryGet(JsonElement data, string? key, out JsonElement value)
    {
        value = default;
        return key is not null && data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out value);
    }
}
