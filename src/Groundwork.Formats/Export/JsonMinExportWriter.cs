using System.Text.Json;
using Groundwork.Core.Export;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// Label Studio's JSON_MIN: a JSON array with one record per annotation (or per consensus): the task's data
/// keys, <c>id</c> (the task id), each answered control's minimal value under its name, then
/// <c>annotator</c>, <c>annotation_id</c>, <c>created_at</c>, <c>updated_at</c>, <c>lead_time</c> (left out for
/// a consensus). A data key that one of those names takes is overridden, as in Label Studio. Tasks
/// without results are left out.
/// </summary>
public sealed class JsonMinExportWriter(LabelConfig config, ExportOptions? options = null) : IExportWriter
{
    private static readonly string[] s_annotationFields = ["id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time"];

    private readonly ExportOptions _options = options ?? ExportOptions.Default;
    private readonly HashSet<string> _reserved = new(
        s_annotationFields.Concat(config.ControlTags.Select(c => c.Name)), StringComparer.Ordinal);
    private readonly OutputBuffer _buffer = new();
    private Stream? _output;
    private bool _first = true;

    public string FormatName => "JSON_MIN";

    public string ContentType => "application/json";

    public string FileExtension => ".json";

    public async ValueTask WriteStartAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _buffer.Write((byte)'[');
        await _buffer.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
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
        foreach (var (annotation, result) in results.Items)
        {
            _buffer.Write(_first ? "\n"u8 : ",\n"u8);
            _first = false;
            WriteRecord(task, data.RootElement, annotation, result);
        }

        await _buffer.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("call WriteStartAsync first");
        _buffer.Write(_first ? "]\n"u8 : "\n]\n"u8);
        await _buffer.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteRecord(ExportTask task, JsonElement data, ExportAnnotation? annotation, JsonElement result)
    {
        var json = _buffer.StartJson();
        json.WriteStartObject();
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (!_reserved.Contains(property.Name) || !Overrides(property.Name, annotation, result))
                {
                    property.WriteTo(json);
                }
            }
        }

        json.WriteNumber("id", task.Id);
        foreach (var control in config.ControlTags)
        {
            if (PrettyValues.Has(control, result))
            {
                json.WritePropertyName(control.Name);
                PrettyValues.Write(json, control, result);
            }
        }

        if (annotation is not null)
        {
            json.WriteNumber("annotator", annotation.AuthorId);
            json.WriteNumber("annotation_id", annotation.Id);
            json.WriteString("created_at", annotation.CreatedAt);
            json.WriteString("updated_at", annotation.UpdatedAt);
            if (annotation.LeadTime is { } leadTime)
            {
                json.WriteNumber("lead_time", leadTime);
            }
            else
            {
                json.WriteNull("lead_time");
            }
        }

        json.WriteEndObject();
        _buffer.EndJson();
    }

    /// <summary>Whether the record writes <paramref name="name"/> itself later, so the data key must give way.</summary>
    private bool Overrides(string name, ExportAnnotation? annotation, JsonElement result)
    {
        if (name == "id")
        {
            return true;
        }

        if (Array.IndexOf(s_annotationFields, name) >= 0)
        {
            return annotation is not null;
        }

        return config.FindControl(name) is { } control && PrettyValues.Has(control, result);
    }
}
