using System.Text.Json;
using Groundwork.Core.Export;
using Groundwork.Formats.LabelConfigs;
using Parquet;
using Parquet.Schema;

namespace Groundwork.Formats.Export;

/// <summary>
/// Apache Parquet, one row per task, written in row groups of <paramref name="rowGroupSize"/> tasks so memory
/// holds one group however many tasks there are. Columns: <c>id</c>, <c>unique_id</c>, <c>batch</c>,
/// <c>status</c>, <c>priority</c>, <c>created_at</c> (UTC), <c>data</c> (the data object as JSON); one string
/// column per data key the config reads (its <c>$variables</c>: strings as they are, other values as JSON, null
/// when missing); one string column per control (not Relations) with its minimal answer as in CSV and JSON_MIN: for a single-choice Choices or a
/// TextArea with one result, the plain label or text; with several results, a JSON array of each one's answer;
/// null without one; then <c>annotations</c>, the JSON array of <c>{"id", "completed_by", "lead_time", "result"}</c>
/// written (or the consensus), and <c>annotation_count</c>. Tasks without results are written too. Names:
/// the fixed columns keep theirs; a control whose name is taken gets <c>control_</c> before it, then a
/// data key whose name is taken gets <c>data_</c>.
/// </summary>
public sealed class ParquetExportWriter(LabelConfig config, ExportOptions? options = null, int rowGroupSize = ParquetExportWriter.DefaultRowGroupSize) : IExportWriter
{
    public const int DefaultRowGroupSize = 10_000;

    private static readonly string[] s_fixedColumns = ["id", "unique_id", "batch", "status", "priority", "created_at", "data", "annotations", "annotation_count"];

    private readonly ExportOptions _options = options ?? ExportOptions.Default;
    private readonly ControlTag[] _controls = config.ControlTags.Where(c => c.Kind != ControlTagKind.Relations).ToArray();
    private readonly OutputBuffer _cell = new();
    private readonly PendingOutputStream _pending = new();
    private Columns? _columns;
    private ParquetWriter? _writer;
    private Stream? _output;

    public string FormatName => "PARQUET";

    public string ContentType => "application/vnd.apache.parquet";

    public string FileExtension => ".parquet";

    public async ValueTask WriteStartAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        _output = output;
        var taken = new HashSet<string>(s_fixedColumns, StringComparer.Ordinal);
        var controls = _controls.Select(c => Unique(taken, c.Name, "control_")).ToArray();
        var variables = config.Variables.Distinct(StringComparer.Ordinal).ToArray();
        _columns = new Columns(variables, variables.Select(v => Unique(taken, v, "data_")).ToArray(), controls);
        _writer = await ParquetWriter.CreateAsync(_columns.Schema, _pending, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteTaskAsync(ExportTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var columns = _columns ?? throw new InvalidOperationException("call WriteStartAsync first");
        using var results = TaskResults.Select(task, _options);
        using var data = JsonDocument.Parse(task.DataJson);
        columns.Ids.Add(task.Id);
        columns.UniqueIds.Add(task.UniqueId);
        columns.Batches.Add(task.Batch);
        columns.Statuses.Add(task.Status);
        columns.Priorities.Add(task.Priority);
        columns.CreatedAt.Add(task.CreatedAt.UtcDateTime);
        columns.Data.Add(task.DataJson);
        for (var i = 0; i < columns.Variables.Length; i++)
        {
            columns.DataValues[i].Add(TaskData.TryGet(data.RootElement, columns.Variables[i], out var value) ? Text(value) : null);
        }

        for (var i = 0; i < _controls.Length; i++)
        {
            columns.Answers[i].Add(Answer(_controls[i], results));
        }

        columns.Annotations.Add(Annotations(results));
        columns.AnnotationCounts.Add(task.Annotations.Count);
        if (columns.Ids.Count >= rowGroupSize)
        {
            await WriteRowGroupAsync(columns, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        var columns = _columns ?? throw new InvalidOperationException("call WriteStartAsync first");
        if (columns.Ids.Count > 0)
        {
            await WriteRowGroupAsync(columns, cancellationToken).ConfigureAwait(false);
        }

        await _writer!.DisposeAsync().ConfigureAwait(false);
        await _pending.FlushToAsync(_output!, cancellationToken).ConfigureAwait(false);
        await _output!.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _pending.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask WriteRowGroupAsync(Columns columns, CancellationToken cancellationToken)
    {
        using (var group = _writer!.CreateRowGroup())
        {
            var fields = columns.Schema.DataFields;
            var f = 0;
            await group.WriteAsync<long>(fields[f++], columns.Ids.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(fields[f++], columns.UniqueIds).ConfigureAwait(false);
            await group.WriteAsync(fields[f++], columns.Batches).ConfigureAwait(false);
            await group.WriteAsync(fields[f++], columns.Statuses).ConfigureAwait(false);
            await group.WriteAsync<int>(fields[f++], columns.Priorities.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(fields[f++], columns.CreatedAt.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(fields[f++], columns.Data).ConfigureAwait(false);
            foreach (var values in columns.DataValues)
            {
                await group.WriteAsync(fields[f++], values).ConfigureAwait(false);
            }

            foreach (var values in columns.Answers)
            {
                await group.WriteAsync(fields[f++], values).ConfigureAwait(false);
            }

            await group.WriteAsync(fields[f++], columns.Annotations).ConfigureAwait(false);
            await group.WriteAsync<int>(fields[f++], columns.AnnotationCounts.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            group.CompleteValidate();
        }

        columns.Clear();
        await _pending.FlushToAsync(_output!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The column name: <paramref name="name"/>, or with <paramref name="prefix"/> (and a number) when that is taken.</summary>
    private static string Unique(HashSet<string> taken, string name, string prefix)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = candidate == name ? prefix + name : prefix + name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>A data value as a cell: a string as it is, anything else as its JSON, null as null.</summary>
    private string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => Json(value.WriteTo),
    };

    private string? Answer(ControlTag control, TaskResults results)
    {
        if (results.Items.Count == 1)
        {
            var result = results.Items[0].Result;
            if (!PrettyValues.Has(control, result))
            {
                return null;
            }

            return PrettyValues.AsString(control, result) ?? Json(json => PrettyValues.Write(json, control, result));
        }

        if (!results.Items.Any(item => PrettyValues.Has(control, item.Result)))
        {
            return null;
        }

        return Json(json =>
        {
            json.WriteStartArray();
            foreach (var (_, result) in results.Items)
            {
                if (PrettyValues.Has(control, result))
                {
                    PrettyValues.Write(json, control, result);
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
        });
    }

    private string Annotations(TaskResults results) => Json(json =>
    {
        json.WriteStartArray();
        foreach (var (annotation, result) in results.Items)
        {
            json.WriteStartObject();
            if (annotation is not null)
            {
                json.WriteNumber("id", annotation.Id);
                json.WriteNumber("completed_by", annotation.AuthorId);
                if (annotation.LeadTime is { } leadTime)
                {
                    json.WriteNumber("lead_time", leadTime);
                }
            }

            // The stored text as it is (it is valid JSON): cheaper than writing the parsed result out again.
            json.WritePropertyName("result");
            json.WriteRawValue(annotation?.ResultJson ?? result.GetRawText(), skipInputValidation: true);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    private string Json(Action<Utf8JsonWriter> write)
    {
        var json = _cell.StartJson();
        write(json);
        _cell.EndJson();
        var text = System.Text.Encoding.UTF8.GetString(_cell.Written.Span);
        _cell.Clear();
        return text;
    }

    /// <summary>The schema, and the values of the row group being collected, column by column.</summary>
    private sealed class Columns
    {
        public Columns(string[] variables, string[] variableColumns, string[] controls)
        {
            Variables = variables;
            DataValues = variables.Select(_ => new List<string?>()).ToArray();
            Answers = controls.Select(_ => new List<string?>()).ToArray();
            Schema = new ParquetSchema(
            [
                new DataField<long>("id"),
                new DataField<string>("unique_id", nullable: true),
                new DataField<string>("batch", nullable: true),
                new DataField<string>("status", nullable: false),
                new DataField<int>("priority"),
                new DateTimeDataField("created_at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros),
                new DataField<string>("data", nullable: false),
                .. variableColumns.Select(name => new DataField<string>(name, nullable: true)),
                .. controls.Select(name => new DataField<string>(name, nullable: true)),
                new DataField<string>("annotations", nullable: false),
                new DataField<int>("annotation_count"),
            ]);
        }

        public ParquetSchema Schema { get; }

        public string[] Variables { get; }

        public List<long> Ids { get; } = [];

        public List<string?> UniqueIds { get; } = [];

        public List<string?> Batches { get; } = [];

        public List<string?> Statuses { get; } = [];

        public List<int> Priorities { get; } = [];

        public List<DateTime> CreatedAt { get; } = [];

        public List<string?> Data { get; } = [];

        public List<string?>[] DataValues { get; }

        public List<string?>[] Answers { get; }

        public List<string?> Annotations { get; } = [];

        public List<int> AnnotationCounts { get; } = [];

        public void Clear()
        {
            foreach (var list in new List<string?>[] { UniqueIds, Batches, Statuses, Data, Annotations }.Concat(DataValues).Concat(Answers))
            {
                list.Clear();
            }

            Ids.Clear();
            Priorities.Clear();
            CreatedAt.Clear();
            AnnotationCounts.Clear();
        }
    }
}
