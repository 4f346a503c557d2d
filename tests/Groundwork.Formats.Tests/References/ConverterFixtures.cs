using System.Text.Json.Nodes;
using Groundwork.Core.Export;

namespace Groundwork.Formats.Tests.References;

/// <summary>Reads the label-studio-converter fixtures (Fixtures/LabelStudioConverter, see its README) as export tasks.</summary>
internal static class ConverterFixtures
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "LabelStudioConverter", relative);

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>
    /// A Label Studio JSON export as the tasks Groundwork's writers take: data, annotations (id, author from
    /// <c>completed_by</c> as a number or an object, result, lead time, times) verbatim. JSON is re-serialised
    /// compactly, as a store hands it back; values are unchanged.
    /// </summary>
    public static ExportTask[] Tasks(string relative)
    {
        var tasks = new List<ExportTask>();
        foreach (var task in JsonNode.Parse(Text(relative))!.AsArray())
        {
            var annotations = new List<ExportAnnotation>();
            foreach (var a in task!["annotations"]!.AsArray())
            {
                var author = a!["completed_by"] is JsonObject user ? user["id"]!.GetValue<long>() : a["completed_by"]!.GetValue<long>();
                var created = DateTimeOffset.Parse(a["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                var updated = DateTimeOffset.Parse(a["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                annotations.Add(new ExportAnnotation(a["id"]!.GetValue<long>(), author, a["result"]!.ToJsonString(), a["lead_time"]?.GetValue<double>(), "human", created, updated));
            }

            var createdAt = DateTimeOffset.Parse(task["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            tasks.Add(new ExportTask(task["id"]!.GetValue<long>(), task["data"]!.ToJsonString(), null, task["meta"]?.ToJsonString(), 0, null, "completed", createdAt, annotations));
        }

        return [.. tasks];
    }
}
