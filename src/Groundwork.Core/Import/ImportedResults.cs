using System.Text.Json;

namespace Groundwork.Core.Import;

/// <summary>Unpacks the <c>annotations</c> / <c>predictions</c> arrays an import reader has already checked.</summary>
public static class ImportedResults
{
    public static IReadOnlyList<ImportedResult> Parse(string? arrayJson)
    {
        if (arrayJson is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(arrayJson);
        var results = new List<ImportedResult>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var result = item.GetProperty("result").GetRawText();
            results.Add(new ImportedResult(
                result,
                TryNumber(item, "lead_time"),
                item.TryGetProperty("model_version", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString() : null,
                TryNumber(item, "score")));
        }

        return results;
    }

    private static double? TryNumber(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
