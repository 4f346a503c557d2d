using System.Globalization;
using System.Text.Json;
using Groundwork.Core.Quality;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Quality;

namespace Groundwork.Consensus;

/// <summary>
/// Turns a project's annotations into consensus per task and skill per annotator with one of the quality
/// engine's categorical methods. It reads the project's first single-choice <c>Choices</c> control: each
/// annotation contributes the one choice it made there (annotations without one are left out). Pure: the
/// answers come in, the results go out.
/// </summary>
public static class ProjectConsensusCalculator
{
    /// <summary>The control consensus is computed on, or null when the configuration has none.</summary>
    public static ControlTag? ConsensusControl(LabelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.ControlsOfKind(ControlTagKind.Choices)
            .FirstOrDefault(c => c.ChoiceMode is null or ChoiceMode.Single or ChoiceMode.SingleRadio && !c.HasOpenOptions && c.Options.Count > 1);
    }

    public static ProjectConsensus? Compute(LabelConfig config, IEnumerable<LabeledAnswer> answers, string methodName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var control = ConsensusControl(config);
        if (control is null || !AggregationCatalogue.TryGet(methodName, out var method))
        {
            return null;
        }

        var builder = new LabelTableBuilder(control.Options.Select(o => o.ResultValue));
        var given = new List<(long Task, long Author, string Label)>();
        foreach (var answer in answers)
        {
            if (ChoiceOf(answer.ResultJson, control.Name) is { } label)
            {
                builder.Add(answer.TaskId.ToString(CultureInfo.InvariantCulture), answer.AuthorId.ToString(CultureInfo.InvariantCulture), label);
                given.Add((answer.TaskId, answer.AuthorId, label));
            }
        }

        if (builder.Count == 0)
        {
            return new ProjectConsensus([], []);
        }

        var table = builder.Build();
        var result = method.Run(table);
        var toName = control.ToNames.Count > 0 ? control.ToNames[0] : string.Empty;
        var consensus = new List<TaskConsensus>(table.TaskCount);
        var byTask = new Dictionary<long, string>(table.TaskCount);
        for (var t = 0; t < table.TaskCount; t++)
        {
            var taskId = long.Parse(table.TaskName(t), CultureInfo.InvariantCulture);
            var label = table.ClassName(result.Label(t));
            byTask[taskId] = label;
            consensus.Add(new TaskConsensus(taskId, method.Name, label, result.Confidence[t], ResultJson(control.Name, toName, label), table.LabelsOf(t), now));
        }

        var agreement = given.GroupBy(g => g.Author).ToDictionary(g => g.Key, g => g.Average(x => x.Label == byTask[x.Task] ? 1.0 : 0.0));
        var skills = new List<AnnotatorSkill>(table.WorkerCount);
        for (var w = 0; w < table.WorkerCount; w++)
        {
            var userId = long.Parse(table.WorkerName(w), CultureInfo.InvariantCulture);
            var labels = given.Count(g => g.Author == userId);
            skills.Add(new AnnotatorSkill(userId, method.Name, result.WorkerSkills[w], labels, agreement.GetValueOrDefault(userId), now));
        }

        return new ProjectConsensus(consensus, skills);
    }

    /// <summary>The single choice a result makes on the control, or null.</summary>
    public static string? ChoiceOf(string resultJson, string controlName)
    {
        using var document = JsonDocument.Parse(resultJson);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var region in document.RootElement.EnumerateArray())
        {
            if (region.ValueKind == JsonValueKind.Object
                && region.TryGetProperty("from_name", out var from) && from.ValueKind == JsonValueKind.String && from.GetString() == controlName
                && region.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object
                && value.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() == 1
                && choices[0].ValueKind == JsonValueKind.String)
            {
                return choices[0].GetString();
            }
        }

        return null;
    }

    private static string ResultJson(string fromName, string toName, string label)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("id", "consensus");
            writer.WriteString("from_name", fromName);
            writer.WriteString("to_name", toName);
            writer.WriteString("type", "choices");
            writer.WriteStartObject("value");
            writer.WriteStartArray("choices");
            writer.WriteStringValue(label);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
