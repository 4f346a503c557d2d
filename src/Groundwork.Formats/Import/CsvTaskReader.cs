using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Groundwork.Core;
using Groundwork.Core.Events;
using Groundwork.Core.Import;

namespace Groundwork.Formats.Import;

/// <summary>
/// CSV or TSV with a header row. Each column becomes a string key of the task's data, except the
/// reserved columns <c>unique_id</c>, <c>priority</c> and <c>batch</c>, which set those task fields.
/// Quoting follows RFC 4180; a badly quoted field or a row with the wrong number of fields is reported with its line.
/// </summary>
public sealed class CsvTaskReader(char delimiter = ',') : ITaskReader
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async IAsyncEnumerable<ImportTask> ReadAsync(Stream input, ImportDefaults defaults, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(defaults);
        // CSV is read as UTF-8 (a byte-order mark is skipped); a byte that is not UTF-8 is reported with its line.
        using var text = new LineCountingReader(
            new StreamReader(new Utf8CheckingStream(input), Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true));
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            HasHeaderRecord = true,
            DetectColumnCountChanges = false,
            BadDataFound = args => throw new ImportFormatException(
                $"badly quoted field: {Shorten(args.Field)}", args.Context.Parser is { } parser ? RowStartLine(text, parser) : 0),
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(text, configuration);
        string[] header;
        try
        {
            if (!await csv.ReadAsync())
            {
                yield break;
            }

            csv.ReadHeader();
            header = csv.HeaderRecord ?? [];
        }
        catch (CsvHelperException ex)
        {
            throw new ImportFormatException($"malformed CSV header: {ex.Message.Split('\n')[0]}", 1, null, ex);
        }

        CheckHeader(header);
        var buffer = new MemoryStream();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool more;
            try
            {
                more = await csv.ReadAsync();
            }
            catch (BadDataException ex)
            {
                throw new ImportFormatException($"malformed CSV: {ex.Message.Split('\n')[0]}", ex.Context?.Parser is { } parser ? RowStartLine(text, parser) : 0, null, ex);
            }

            if (!more)
            {
                yield break;
            }

            var raw = csv.Parser.RawRecord.AsSpan();
            if (raw.Count('"') % 2 == 1)
            {
                // An odd number of quotes: a quoted field opened and never closed, so it ran to the end of the input.
                throw new ImportFormatException("a quoted field is never closed: it runs to the end of the input", RowStartLine(text, csv.Parser));
            }

            var line = RowStartLine(text, csv.Parser);
            if (csv.Parser.Count != header.Length)
            {
                throw new ImportFormatException($"row has {csv.Parser.Count} fields but the header has {header.Length}", line);
            }

            yield return ToTask(csv, header, line, defaults, buffer);
        }
    }

    private static ImportTask ToTask(CsvReader csv, string[] header, long line, ImportDefaults defaults, MemoryStream buffer)
    {
        string? uniqueId = null, batch = defaults.Batch, callbackUrl = null;
        var priority = defaults.Priority;
        buffer.SetLength(0);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            for (var i = 0; i < header.Length; i++)
            {
                var value = csv.Parser[i] ?? string.Empty;
                if (value.Contains('\0', StringComparison.Ordinal))
                {
                    throw new ImportFormatException($"column \"{Shorten(header[i])}\" {StoredText.Rule}", line, header[i]);
                }

                switch (header[i])
                {
                    case "unique_id":
                        uniqueId = value.Length == 0 ? null : value;
                        break;
                    case "priority":
                        if (value.Length > 0)
                        {
                            priority = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)
                                ? p
                                : throw new ImportFormatException($"priority must be an integer, not \"{Shorten(value)}\"", line, "priority");
                        }

                        break;
                    case "batch":
                        batch = value.Length == 0 ? defaults.Batch : value;
                        break;
                    case "callback_url":
                        callbackUrl = value.Length == 0 ? null
                            : WebhookUrl.Check(value) is { } problem ? throw new ImportFormatException($"callback_url {problem}", line, "callback_url") : value;
                        break;
                    default:
                        writer.WriteString(header[i], value);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return new ImportTask(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), uniqueId, null, priority, batch, Line: line, CallbackUrl: callbackUrl);
    }

    private static void CheckHeader(string[] header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(header[i]))
            {
                throw new ImportFormatException($"column {i + 1} of the header has no name", 1, $"column {i + 1}");
            }

            if (header[i].Contains('\0', StringComparison.Ordinal))
            {
                throw new ImportFormatException($"column {i + 1} of the header {StoredText.Rule}", 1, $"column {i + 1}");
            }

            if (!seen.Add(header[i]))
            {
                throw new ImportFormatException($"the header names column \"{Shorten(header[i])}\" twice", 1, header[i]);
            }
        }
    }

    /// <summary>The line a record starts on, counted in line feeds (CsvHelper's own count also takes a lone carriage return for a line).</summary>
    private static long RowStartLine(LineCountingReader text, IParser parser) =>
        text.LineAt(Math.Max(0, parser.CharCount - parser.RawRecord.Length));

    private static string Shorten(string? value) => value is null ? string.Empty : value.Length <= 40 ? value : value[..40] + "…";
}
