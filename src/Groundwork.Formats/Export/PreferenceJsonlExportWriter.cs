using System.Text.Json;
using Groundwork.Core.Export;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// Preference pairs as JSON Lines: <c>{"prompt", "chosen", "rejected", "task_id", "annotation_id"}</c>.
/// From <c>Pairwise</c>: <c>selected: "left"</c> prefers the first toName object over the second, "right" the
/// reverse; one line per answer. From <c>Ranker</c>: every pair of ranked items, the better first: items in
/// an earlier bucket (in config order; without buckets, the list itself) beat those in later buckets, and
/// earlier items beat later ones inside a bucket. An item's text is its <c>body</c>, <c>text</c> or
/// <c>title</c>, else its JSON. The prompt is <paramref name="promptVariable"/>, else the first object with
/// task data that is not being compared; a task without a prompt string is written with an empty prompt.
/// </summary>
public sealed class PreferenceJsonlExportWriter : IExportWriter
{
    private readonly ExportOptions _options;
    private readonly LabelConfig _config;
    private readonly ControlTag _control;
    private readonly string? _promptVariable;
    private readonly OutputBuffer _buffer = new();
    private readonly List<JsonElement> _ranked = [];
    private Stream? _output;

    public PreferenceJsonlExportWriter(LabelConfig config, ExportOptions? options = null, string? control = null, string? promptVariable = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _options = options ?? ExportOptions.Default;
        _config = config;
        _control = config.ControlTags.FirstOrDefault(c => c.Kind is ControlTagKind.Pairwise or ControlTagKind.Ranker
                && (control is null || string.Equals(c.Name, control, StringComparison.Ordinal)))
            ?? throw new ArgumentException("the labeling configuration has no <Pairwise> or <Ranker> control", nameof(config));
        _promptVariable = promptVariable ?? config.ObjectTags
            .FirstOrDefault(o => o.Variable is not null && !_control.ToNames.Contains(o.Name, StringComparer.Ordinal))?.Variable;
    }

    public string FormatName => "PREFERENCE_JSONL";

    public string ContentType => "application/jsonl";

    public string FileExtension => ".jsonl";

    public ValueTask WriteStartAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        return ValueTask.CompletedTask;
    }

    public async ValueTask WriteTaskAsync(ExportTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var output = _output ?? throw new InvalidOperationException("call WriteStartAsync first");
        using var results = TaskResults.Select(task, _options);
        if (results.Items.Count == 0)
        {
            return;
        }

        using var data = JsonDocument.Parse(task.DataJson);
        var prompt = TaskData.String(data.RootElement, _promptVariable) ?? "";
        foreach (var (annotation, result) in results.Items)
        {
            foreach (var region in result.EnumerateArray())
            {
                if (region.ValueKind != JsonValueKind.Object
                    || !region.TryGetProperty("from_name", out var fromName) || !fromName.ValueEquals(_control.Name)
                    || !region.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (_control.Kind == ControlTagKind.Pairwise)
                {
                    WritePairwise(task, annotation, prompt, data.RootElement, value);
                }
                else
                {
                    WriteRanking(task, annotation, prompt, data.RootElement, value);
                }
            }
        }

        await _buffer.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("call WriteStartAsync first");
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WritePairwise(ExportTask task, ExportAnnotation? annotation, string prompt, JsonElement data, JsonElement value)
    {
        if (_control.ToNames.Count != 2 || !value.TryGetProperty("selected", out var selected))
        {
            return;
        }

        var left = _config.FindObject(_control.ToNames[0])?.Variable;
        var right = _config.FindObject(_control.ToNames[1])?.Variable;
        if (!TaskData.TryGet(data, left, out var leftValue) || !TaskData.TryGet(data, right, out var rightValue))
        {
            return;
        }

        if (selected.ValueEquals("left"))
        {
            WriteLine(task, annotation, prompt, leftValue, rightValue);
        }
        else if (selected.ValueEquals("right"))
        {
            WriteLine(task, annotation, prompt, rightValue, leftValue);
        }
    }

    private void WriteRanking(ExportTask task, ExportAnnotation? annotation, string prompt, JsonElement data, JsonElement value)
    {
        if (!value.TryGetProperty("ranker", out var ranker) || ranker.ValueKind != JsonValueKind.Object
            || _config.FindObject(_control.ToNames[0]) is not { } list
            || !TaskData.TryGet(data, list.Variable, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        _ranked.Clear();
        IEnumerable<string> buckets = _control.Options.Count > 0 ? _control.Options.Select(o => o.Value) : [list.Name];
        foreach (var bucket in buckets)
        {
            if (!ranker.TryGetProperty(bucket, out var ids) || ids.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var id in ids.EnumerateArray())
            {
                if (FindItem(items, id) is { } item)
                {
                    _ranked.Add(item);
                }
            }
        }

        for (var better = 0; better < _ranked.Count; better++)
        {
            for (var worse = better + 1; worse < _ranked.Count; worse++)
            {
                WriteLine(task, annotation, prompt, ItemText(_ranked[better]), ItemText(_ranked[worse]));
            }
        }
    }

    private static JsonElement? FindItem(JsonElement items, JsonElement id)
    {
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var itemId)
                && (itemId.ValueKind == id.ValueKind && itemId.GetRawText() == id.GetRawText()
                    || id.ValueKind == JsonValueKind.String && itemId.ValueKind == JsonValueKind.Number && id.ValueEquals(itemId.GetRawText())))
            {
                return item;
            }
        }

        return null;
    }

    private static JsonElement ItemText(JsonElement item)
    {
        foreach (var name in (ReadOnlySpan<string>)["body", "text", "title"])
        {
            if (item.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text;
            }
        }

        return item;
    }

    private void WriteLine(ExportTask task, ExportAnnotation? annotation, string prompt, JsonElement chosen, JsonElement rejected)
    {
        var json = _buffer.StartJson();
        json.WriteStartObject();
        json.WriteString("prompt", prompt);
        json.WritePropertyName("chosen");
        chosen.WriteTo(json);
        json.WritePropertyName("rejected");
        rejected.WriteTo(json);
        json.WriteNumber("task_id", task.Id);
        if (annotation is null)
        {
            json.WriteNull("annotation_id");
        }
        else
        {
            json.WriteNumber("annotation_id", annotation.Id);
        }

        json.WriteEndObject();
        _buffer.EndJson();
        _buffer.Write((byte)'\n');
    }
}
