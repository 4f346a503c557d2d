using System.Text.Json;
using Groundwork.Core.Export;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// CoNLL 2003 for named entities: a <c>-DOCSTART- -X- O</c> line, then per result a block of
/// <c>token -X- _ TAG</c> lines (IOB2: <c>B-LABEL</c> on a span's first token, <c>I-LABEL</c> after, <c>O</c>
/// outside) and a blank line. Spans are the <c>Labels</c> regions of the first Labels control on a Text
/// object (or <paramref name="labelsControl"/>); a token overlapping a span takes its label, the earliest
/// span winning where spans overlap.
/// </summary>
public sealed class Conll2003ExportWriter : IExportWriter
{
    private readonly ExportOptions _options;
    private readonly ControlTag _labels;
    private readonly ObjectTag _text;
    private readonly OutputBuffer _buffer = new();
    private readonly List<(int Start, int End)> _tokens = [];
    private readonly List<(int Start, int End, string Label)> _spans = [];
    private Stream? _output;

    public Conll2003ExportWriter(LabelConfig config, ExportOptions? options = null, string? labelsControl = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _options = options ?? ExportOptions.Default;
        _labels = config.ControlTags.FirstOrDefault(c => c.Kind == ControlTagKind.Labels
                && (labelsControl is null || string.Equals(c.Name, labelsControl, StringComparison.Ordinal))
                && c.ToNames.Any(t => config.FindObject(t)?.Kind == ObjectTagKind.Text))
            ?? throw new ArgumentException("the labeling configuration has no <Labels> control on a <Text> object", nameof(config));
        _text = _labels.ToNames.Select(config.FindObject).First(o => o?.Kind == ObjectTagKind.Text)!;
    }

    public string FormatName => "CONLL2003";

    public string ContentType => "text/plain; charset=utf-8";

    public string FileExtension => ".conll";

    public async ValueTask WriteStartAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _buffer.Write("-DOCSTART- -X- O\n\n"u8);
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
        if (TaskData.String(data.RootElement, _text.Variable) is not { } text)
        {
            return;
        }

        _tokens.Clear();
        ConllTokenizer.Tokenize(text, _tokens);
        foreach (var (_, result) in results.Items)
        {
            CollectSpans(result, text.Length);
            WriteBlock(text);
        }

        await _buffer.FlushToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("call WriteStartAsync first");
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void CollectSpans(JsonElement result, int textLength)
    {
        _spans.Clear();
        foreach (var region in result.EnumerateArray())
        {
            if (region.ValueKind == JsonValueKind.Object
                && region.TryGetProperty("from_name", out var fromName) && fromName.ValueEquals(_labels.Name)
                && region.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object
                && value.TryGetProperty("start", out var start) && start.TryGetInt32(out var s)
                && value.TryGetProperty("end", out var end) && end.TryGetInt32(out var e)
                && value.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array
                && labels.GetArrayLength() > 0 && labels[0].ValueKind == JsonValueKind.String
                && s >= 0 && e > s && s < textLength)
            {
                _spans.Add((s, Math.Min(e, textLength), ColumnSafe(labels[0].GetString()!)));
            }
        }

        _spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
    }

    /// <summary>Columns are space-separated, so a label's own whitespace becomes '_'.</summary>
    private static string ColumnSafe(string label) =>
        label.AsSpan().ContainsAny(" \t\r\n") ? string.Join('_', label.Split((char[])[' ', '\t', '\r', '\n'])) : label;

    private void WriteBlock(string text)
    {
        var previousSpan = -1;
        foreach (var (start, end) in _tokens)
        {
            var span = -1;
            for (var i = 0; i < _spans.Count && _spans[i].Start < end; i++)
            {
                if (_spans[i].End > start)
                {
                    span = i;
                    break;
                }
            }

            _buffer.Write(text.AsSpan(start, end - start));
            _buffer.Write(" -X- _ "u8);
            if (span < 0)
            {
                _buffer.Write((byte)'O');
            }
            else
            {
                _buffer.Write(span == previousSpan ? "I-"u8 : "B-"u8);
                _buffer.Write(_spans[span].Label);
            }

            _buffer.Write((byte)'\n');
            previousSpan = span;
        }

        _buffer.Write((byte)'\n');
    }
}
