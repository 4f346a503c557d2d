using System.Globalization;
using System.Text.Json;
using Groundwork.Core.Export;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// CSV (RFC 4180, UTF-8, CRLF), one row per task with results. Columns: <c>id</c>; the data keys
/// (<paramref name="dataColumns"/>, by default the config's <c>$variables</c>; strings as they are, other
/// values as JSON); one column per control with its minimal answer as in JSON_MIN (a plain string for a
/// single choice or text, else JSON; with several results, a JSON array holding each result's answer);
/// and <c>annotations</c>, the JSON array of <c>{"id", "completed_by", "result"}</c> written.
/// The header is fixed before the first task, so data keys must be named up front.
/// </summary>
public sealed class CsvExportWriter(LabelConfig config, ExportOptions? options = null, IReadOnlyList<string>? dataColumns = null) : IExportWriter
{
    private readonly ExportOptions _options = options ?? ExportOptions.Default;
    private readonly IReadOnlyList<string> _dataColumns = dataColumns ?? config.Variables;
    private readonly ControlTag[] _controls = config.ControlTags.Where(c => c.Kind != ControlTagKind.Relations).ToArray();
    private readonly OutputBuffer _row = new();
    private readonly OutputBuffer _cell = new();
    private Stream? _output;

    public string FormatName => "CSV";

    public string ContentType => "text/csv; charset=utf-8";

    public string FileExtension => ".csv";

    public async ValueTask WriteStartAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        WriteText("id");
        foreach (var column in _dataColumns)
        {
            _row.Write((byte)',');
            WriteText(column);
        }

        foreach (var control in _controls)
        {
            _row.Write((byte)',');
            WriteText(control.Name);
        }

        _row.Write(",annotations\r\n"u8);
        await _row.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
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
        Span<char> digits = stackalloc char[20];
        task.Id.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        _row.Write(digits[..written]);
        foreach (var column in _dataColumns)
        {
            _row.Write((byte)',');
            if (TaskData.TryGet(data.RootElement, column, out var value))
            {
                WriteValue(value);
            }
        }

        foreach (var control in _controls)
        {
            _row.Write((byte)',');
            WriteControl(control, results);
        }

        _row.Write((byte)',');
        WriteAnnotations(results);
        _row.Write("\r\n"u8);
        await _row.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("call WriteStartAsync first");
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                WriteText(value.GetString());
                return;
            case JsonValueKind.Null:
                return;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                _row.Write(value.GetRawText());
                return;
            default:
                var json = _cell.StartJson();
                value.WriteTo(json);
                _cell.EndJson();
                WriteQuotedCell();
                return;
        }
    }

    private void WriteControl(ControlTag control, TaskResults results)
    {
        if (results.Items.Count == 1)
        {
            var result = results.Items[0].Result;
            if (!PrettyValues.Has(control, result))
            {
                return;
            }

            if (PrettyValues.AsString(control, result) is { } text)
            {
                WriteText(text);
                return;
            }

            var single = _cell.StartJson();
            PrettyValues.Write(single, control, result);
            _cell.EndJson();
            WriteQuotedCell();
            return;
        }

        if (!results.Items.Any(item => PrettyValues.Has(control, item.Result)))
        {
            return;
        }

        var json = _cell.StartJson();
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
        _cell.EndJson();
        WriteQuotedCell();
    }

    private void WriteAnnotations(TaskResults results)
    {
        var json = _cell.StartJson();
        json.WriteStartArray();
        foreach (var (annotation, result) in results.Items)
        {
            json.WriteStartObject();
            if (annotation is not null)
            {
                json.WriteNumber("id", annotation.Id);
                json.WriteNumber("completed_by", annotation.AuthorId);
            }

            json.WritePropertyName("result");
            result.WriteTo(json);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        _cell.EndJson();
        WriteQuotedCell();
    }

    /// <summary>Writes a text cell, quoted only when it has to be.</summary>
    private void WriteText(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(",\"\r\n") < 0 && (text.Length == 0 || (text[0] != ' ' && text[^1] != ' ')))
        {
            _row.Write(text);
            return;
        }

        _row.Write((byte)'"');
        foreach (var range in text.Split('"'))
        {
            if (range.Start.Value > 0)
            {
                _row.Write("\"\""u8);
            }

            _row.Write(text[range]);
        }

        _row.Write((byte)'"');
    }

    /// <summary>Moves the JSON in the cell buffer into the row as a quoted cell.</summary>
    private void WriteQuotedCell()
    {
        var bytes = _cell.Written.Span;
        _row.Write((byte)'"');
        while (bytes.Length > 0)
        {
            var quote = bytes.IndexOf((byte)'"');
            if (quote < 0)
            {
                _row.Write(bytes);
                break;
            }

            _row.Write(bytes[..(quote + 1)]);
            _row.Write((byte)'"');
            bytes = bytes[(quote + 1)..];
        }

        _row.Write((byte)'"');
        _cell.Clear();
    }
}
