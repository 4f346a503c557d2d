using System.Text.Json;
using Groundwork.Core.Export;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// Supervised fine-tuning pairs as JSON Lines: <c>{"prompt", "response", "task_id", "annotation_id"}</c>, one
/// line per answer. The response is the text of a <c>TextArea</c> (the first, or <paramref name="textAreaControl"/>);
/// the prompt is the task data the TextArea points at (or <paramref name="promptVariable"/>).
/// Results without an answer and tasks without a prompt string are left out.
/// </summary>
public sealed class SftJsonlExportWriter : IExportWriter
{
    private readonly ExportOptions _options;
    private readonly ControlTag _textArea;
    private readonly string? _promptVariable;
    private readonly OutputBuffer _buffer = new();
    private Stream? _output;

    public SftJsonlExportWriter(LabelConfig config, ExportOptions? options = null, string? textAreaControl = null, string? promptVariable = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _options = options ?? ExportOptions.Default;
        _textArea = config.ControlTags.FirstOrDefault(c => c.Kind == ControlTagKind.TextArea
                && (textAreaControl is null || string.Equals(c.Name, textAreaControl, StringComparison.Ordinal)))
            ?? throw new ArgumentException("the labeling configuration has no <TextArea> control for responses", nameof(config));
        _promptVariable = promptVariable ?? _textArea.ToNames.Select(config.FindObject).FirstOrDefault(o => o?.Variable is not null)?.Variable;
    }

    public string FormatName => "SFT_JSONL";

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
        if (TaskData.String(data.RootElement, _promptVariable) is not { } prompt)
        {
            return;
        }

        foreach (var (annotation, result) in results.Items)
        {
            foreach (var region in result.EnumerateArray())
            {
                if (region.ValueKind != JsonValueKind.Object
                    || !region.TryGetProperty("from_name", out var fromName) || !fromName.ValueEquals(_textArea.Name)
                    || !region.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object
                    || !value.TryGetProperty("text", out var text))
                {
                    continue;
                }

                if (text.ValueKind == JsonValueKind.String)
                {
                    WriteLine(task, annotation, prompt, text);
                }
                else if (text.ValueKind == JsonValueKind.Array)
                {
                    foreach (var answer in text.EnumerateArray())
                    {
                        WriteLine(task, annotation, prompt, answer);
                    }
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

    private void WriteLine(ExportTask task, ExportAnnotation? annotation, string prompt, JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(response.GetString()))
        {
            return;
        }

        var json = _buffer.StartJson();
        json.WriteStartObject();
        json.WriteString("prompt", prompt);
        json.WritePropertyName("response");
        response.WriteTo(json);
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
