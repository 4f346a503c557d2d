using System.Globalization;
using Groundwork.Quality.Categorical;

namespace Groundwork.Quality.Csv;

/// <summary>
/// CSV in and out for the <c>groundwork aggregate</c> verb. Input: a header row naming the columns
/// <c>task</c>, <c>worker</c>, <c>label</c> (any order, case-insensitive, extra columns ignored).
/// Gold: <c>task</c>, <c>label</c>. Output: <c>task,label,confidence</c>.
/// </summary>
public static class LabelCsv
{
    /// <summary>Reads task,worker,label rows into a label table.</summary>
    public static CsvResult<LabelTable> ReadLabels(TextReader reader, DuplicateLabelPolicy duplicates = DuplicateLabelPolicy.KeepLast, IEnumerable<string>? declaredClasses = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var csv = new CsvRecordReader(reader);
        var fields = new List<string>();
        if (!csv.TryRead(fields, out var error))
        {
            return CsvResult<LabelTable>.Fail(1, "the file is empty: expected a header row task,worker,label");
        }

        if (error is not null)
        {
            return CsvResult<LabelTable>.Fail(csv.RecordLine, error);
        }

        var columns = FindColumns(fields, ["task", "worker", "label"], out var missing);
        if (missing is not null)
        {
            return CsvResult<LabelTable>.Fail(csv.RecordLine, $"the header has no '{missing}' column (expected task,worker,label)");
        }

        var width = fields.Count;
        var builder = new LabelTableBuilder(declaredClasses);
        while (csv.TryRead(fields, out error))
        {
            if (error is not null)
            {
                return CsvResult<LabelTable>.Fail(csv.RecordLine, error);
            }

            if (fields.Count != width)
            {
                return CsvResult<LabelTable>.Fail(csv.RecordLine, $"expected {width} fields, found {fields.Count}");
            }

            string task = fields[columns[0]], worker = fields[columns[1]], label = fields[columns[2]];
            if (task.Length == 0 || worker.Length == 0 || label.Length == 0)
            {
                return CsvResult<LabelTable>.Fail(csv.RecordLine, "task, worker and label must not be empty");
            }

            builder.Add(task, worker, label);
        }

        if (builder.Count == 0)
        {
            return CsvResult<LabelTable>.Fail(csv.RecordLine, "no labels after the header");
        }

        return CsvResult<LabelTable>.Ok(builder.Build(duplicates));
    }

    /// <summary>Reads task,label rows of known answers. A task listed twice with different answers is an error.</summary>
    public static CsvResult<GoldLabels> ReadGold(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var csv = new CsvRecordReader(reader);
        var fields = new List<string>();
        if (!csv.TryRead(fields, out var error))
        {
            return CsvResult<GoldLabels>.Fail(1, "the file is empty: expected a header row task,label");
        }

        if (error is not null)
        {
            return CsvResult<GoldLabels>.Fail(csv.RecordLine, error);
        }

        var columns = FindColumns(fields, ["task", "label"], out var missing);
        if (missing is not null)
        {
            return CsvResult<GoldLabels>.Fail(csv.RecordLine, $"the header has no '{missing}' column (expected task,label)");
        }

        var width = fields.Count;
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        while (csv.TryRead(fields, out error))
        {
            if (error is not null)
            {
                return CsvResult<GoldLabels>.Fail(csv.RecordLine, error);
            }

            if (fields.Count != width)
            {
                return CsvResult<GoldLabels>.Fail(csv.RecordLine, $"expected {width} fields, found {fields.Count}");
            }

            var task = fields[columns[0]];
            var label = fields[columns[1]];
            if (answers.TryGetValue(task, out var previous) && !string.Equals(previous, label, StringComparison.Ordinal))
            {
                return CsvResult<GoldLabels>.Fail(csv.RecordLine, $"task '{task}' has two different gold labels");
            }

            answers[task] = label;
        }

        return CsvResult<GoldLabels>.Ok(new GoldLabels(answers));
    }

    /// <summary>Writes <c>task,label,confidence</c> (confidence with up to 6 decimals, invariant culture), one row per task in table order.</summary>
    public static void WriteConsensus(TextWriter writer, LabelTable table, CategoricalResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(result);
        writer.Write("task,label,confidence\n");
        var labels = result.Labels;
        var confidence = result.Confidence;
        for (var t = 0; t < table.TaskCount; t++)
        {
            WriteField(writer, table.TaskName(t));
            writer.Write(',');
            WriteField(writer, table.ClassName(labels[t]));
            writer.Write(',');
            writer.Write(confidence[t].ToString("0.######", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static void WriteField(TextWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static int[] FindColumns(List<string> header, string[] names, out string? missing)
    {
        var result = new int[names.Length];
        missing = null;
        for (var i = 0; i < names.Length; i++)
        {
            result[i] = header.FindIndex(h => string.Equals(h.Trim(), names[i], StringComparison.OrdinalIgnoreCase));
            if (result[i] < 0)
            {
                missing = names[i];
                return result;
            }
        }

        return result;
    }
}
