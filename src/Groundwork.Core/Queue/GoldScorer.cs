using System.Globalization;
using System.Text.Json;

namespace Groundwork.Core.Queue;

/// <summary>
/// Compares an annotator's result with a gold task's known result (both Label Studio result arrays).
/// Items are compared per control (<c>from_name</c>) and type:
/// choices, taxonomy, pairwise and ranker must be equal; rating and number equal; a text area equal
/// after trimming, case folding and collapsing white space; text spans must have the same start, end
/// and labels; image boxes must overlap a known box of the same label with IoU of at least 0.5; other
/// region types (polygons, key points, audio regions) are compared by their labels as a multiset.
/// The score is matched known items over the larger of the known and answered item counts, so missing
/// and extra items both lower it; an answer is correct when its score is 1.
/// </summary>
public static class GoldScorer
{
    public const double BoxIouThreshold = 0.5;

    public static GoldScore Score(string groundTruthJson, string answerJson)
    {
        ArgumentNullException.ThrowIfNull(groundTruthJson);
        ArgumentNullException.ThrowIfNull(answerJson);
        using var truthDocument = JsonDocument.Parse(groundTruthJson);
        using var answerDocument = JsonDocument.Parse(answerJson);
        var truth = Items(truthDocument.RootElement);
        var answer = Items(answerDocument.RootElement);
        var label = truth.Select(t => t.Labels.FirstOrDefault()).FirstOrDefault(l => l is not null);
        if (truth.Count == 0)
        {
            var empty = answer.Count == 0;
            return new GoldScore(empty ? 1 : 0, empty, null);
        }

        var used = new bool[answer.Count];
        var matched = 0;
        foreach (var known in truth)
        {
            for (var i = 0; i < answer.Count; i++)
            {
                if (!used[i] && Matches(known, answer[i]))
                {
                    used[i] = true;
                    matched++;
                    break;
                }
            }
        }

        var score = (double)matched / Math.Max(truth.Count, answer.Count);
        return new GoldScore(score, matched == truth.Count && answer.Count == truth.Count, label);
    }

    private static bool Matches(Item known, Item given)
    {
        if (!string.Equals(known.FromName, given.FromName, StringComparison.Ordinal) || !string.Equals(known.Type, given.Type, StringComparison.Ordinal))
        {
            return false;
        }

        return known.Type switch
        {
            "rectanglelabels" => known.Labels.SequenceEqual(given.Labels, StringComparer.Ordinal) && Iou(known.Box, given.Box) >= BoxIouThreshold,
            "labels" or "hypertextlabels" or "paragraphlabels" => known.Labels.SequenceEqual(given.Labels, StringComparer.Ordinal)
                && string.Equals(known.Key, given.Key, StringComparison.Ordinal),
            "polygonlabels" or "keypointlabels" or "brushlabels" or "ellipselabels" => known.Labels.SequenceEqual(given.Labels, StringComparer.Ordinal),
            _ => string.Equals(known.Key, given.Key, StringComparison.Ordinal),
        };
    }

    private static double Iou((double X, double Y, double W, double H)? a, (double X, double Y, double W, double H)? b)
    {
        if (a is not { } p || b is not { } q)
        {
            return 0;
        }

        var width = Math.Min(p.X + p.W, q.X + q.W) - Math.Max(p.X, q.X);
        var height = Math.Min(p.Y + p.H, q.Y + q.H) - Math.Max(p.Y, q.Y);
        if (width <= 0 || height <= 0)
        {
            return 0;
        }

        var intersection = width * height;
        var union = (p.W * p.H) + (q.W * q.H) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    private static List<Item> Items(JsonElement root)
    {
        var items = new List<Item>();
        if (root.ValueKind != JsonValueKind.Array)
        {
            return items;
        }

        foreach (var region in root.EnumerateArray())
        {
            if (region.ValueKind != JsonValueKind.Object || !region.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var type = Text(region, "type")?.ToLowerInvariant() ?? string.Empty;
            var fromName = Text(region, "from_name") ?? string.Empty;
            var labels = Strings(value, type);
            labels.Sort(StringComparer.Ordinal);
            items.Add(new Item(fromName, type, labels, KeyOf(type, value, labels), BoxOf(type, value)));
        }

        return items;
    }

    private static string KeyOf(string type, JsonElement value, List<string> labels) => type switch
    {
        "choices" or "taxonomy" => string.Join('\u001f', labels),
        "labels" or "hypertextlabels" or "paragraphlabels" => string.Create(CultureInfo.InvariantCulture, $"{Raw(value, "start")}:{Raw(value, "end")}:{Raw(value, "startOffset")}:{Raw(value, "endOffset")}"),
        "textarea" => Normalize(string.Join('\n', Strings(value, "text"))),
        "rating" => Raw(value, "rating"),
        "number" => Raw(value, "number"),
        "pairwise" => Raw(value, "selected"),
        _ => value.GetRawText(),
    };

    private static (double, double, double, double)? BoxOf(string type, JsonElement value)
    {
        if (type != "rectanglelabels"
            || !TryNumber(value, "x", out var x) || !TryNumber(value, "y", out var y)
            || !TryNumber(value, "width", out var w) || !TryNumber(value, "height", out var h))
        {
            return null;
        }

        return (x, y, w, h);
    }

    private static List<string> Strings(JsonElement value, string type)
    {
        var name = type switch
        {
            "choices" => "choices",
            "taxonomy" => "taxonomy",
            "text" => "text",
            _ => type,
        };
        var list = new List<string>();
        if (!value.TryGetProperty(name, out var property))
        {
            return list;
        }

        Collect(property, list);
        return list;
    }

    private static void Collect(JsonElement element, List<string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        into.Add(item.GetString()!);
                    }
                    else if (item.ValueKind == JsonValueKind.Array)
                    {
                        into.Add(string.Join('/', item.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString())));
                    }
                }

                break;
            default:
                break;
        }
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    private static string Raw(JsonElement element, string name) =>
        element.TryGetProperty(name, out var property) ? property.GetRawText() : string.Empty;

    private static bool TryNumber(JsonElement element, string name, out double number)
    {
        number = 0;
        return element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Number && property.TryGetDouble(out number);
    }

    private sealed record Item(string FromName, string Type, List<string> Labels, string Key, (double X, double Y, double W, double H)? Box);
}
