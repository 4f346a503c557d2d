using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Groundwork.Core.Import;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Import;

/// <summary>
/// Checks that an imported task's data carries every <c>$variable</c> the project's label config reads, so a task
/// that could never be shown is refused at import rather than found by an annotator. A variable is carried when the
/// data has a key of that name whose value is not null (for a dotted name such as <c>$meta.text</c>, also when the
/// dotted path leads to a non-null value). The check reads only the data's top-level keys.
/// </summary>
public sealed class TaskVariableCheck
{
    private readonly string[] _variables;
    private readonly byte[][] _utf8;

    public TaskVariableCheck(IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        _variables = [.. variables];
        _utf8 = [.. _variables.Select(Encoding.UTF8.GetBytes)];
    }

    public IReadOnlyList<string> Variables => _variables;

    /// <summary>The check for a stored label config, or null when it reads no variable (or does not parse: nothing to check against).</summary>
    public static TaskVariableCheck? For(string? labelConfig)
    {
        if (string.IsNullOrWhiteSpace(labelConfig))
        {
            return null;
        }

        var parsed = LabelConfigParser.Parse(labelConfig);
        return parsed.IsValid ? For(parsed.Config) : null;
    }

    public static TaskVariableCheck? For(LabelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Variables.Count == 0 ? null : new TaskVariableCheck(config.Variables);
    }

    /// <summary>
    /// Throws <see cref="ImportFormatException"/> (line, field <c>data.&lt;variable&gt;</c>) naming the first variable the
    /// task lacks. <paramref name="index"/> is the task's 1-based position in the import; <paramref name="source"/> names
    /// the file it came from, where there is one.
    /// </summary>
    public void Check(ImportTask task, long index, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var missing = FindMissing(task.DataJson);
        if (missing is null)
        {
            return;
        }

        var where = source is null
            ? string.Create(CultureInfo.InvariantCulture, $"task {index}")
            : string.Create(CultureInfo.InvariantCulture, $"task {index} (\"{source}\")");
        throw new ImportFormatException(
            $"{where} has no \"{missing}\" in its data, and the label config reads ${missing} (it needs ${string.Join(", $", _variables)})",
            task.Line,
            "data." + missing);
    }

    /// <summary>The first variable the data object lacks, or null when it has them all.</summary>
    public string? FindMissing(string dataJson)
    {
        ArgumentNullException.ThrowIfNull(dataJson);
        var length = Encoding.UTF8.GetMaxByteCount(dataJson.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bytes = rented.AsSpan(0, Encoding.UTF8.GetBytes(dataJson, rented));
            Span<bool> found = _variables.Length <= 64 ? stackalloc bool[_variables.Length] : new bool[_variables.Length];
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = TaskObjectParser.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return _variables[0];
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = -1;
                for (var i = 0; i < _utf8.Length; i++)
                {
                    if (!found[i] && reader.ValueTextEquals(_utf8[i]))
                    {
                        match = i;
                        break;
                    }
                }

                reader.Read();
                if (match >= 0 && reader.TokenType != JsonTokenType.Null)
                {
                    found[match] = true;
                }

                reader.Skip();
            }

            for (var i = 0; i < found.Length; i++)
            {
                if (!found[i] && !(_variables[i].Contains('.', StringComparison.Ordinal) && HasPath(dataJson, _variables[i])))
                {
                    return _variables[i];
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool HasPath(string dataJson, string dotted)
    {
        using var document = JsonDocument.Parse(dataJson, new JsonDocumentOptions { MaxDepth = TaskObjectParser.MaxDepth });
        var element = document.RootElement;
        foreach (var part in dotted.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return false;
            }
        }

        return element.ValueKind != JsonValueKind.Null;
    }
}
