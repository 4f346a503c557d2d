using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using System.Text;
using Groundwork.Core;
using Groundwork.Core.Events;
using Groundwork.Core.Import;

namespace Groundwork.Formats.Import;

/// <summary>
/// Turns one JSON object into an <see cref="ImportTask"/>, in either of the two shapes Label Studio accepts:
/// <list type="bullet">
/// <item>the task form <c>{"data": {...}, "unique_id": "...", "meta": {...}, "priority": 1, "batch": "...", "callback_url": "https://...", "annotations": [...], "predictions": [...]}</c>
/// (other keys such as <c>id</c> or <c>created_at</c> are ignored);</item>
/// <item>a flat object, which becomes the task's data as a whole.</item>
/// </list>
/// Works on the raw UTF-8 bytes with a <see cref="Utf8JsonReader"/>: the data object is copied through as text, never re-serialised.
/// </summary>
public static class TaskObjectParser
{
    /// <summary>The most nesting a task may have; deeper input is refused rather than parsed.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions s_options = new() { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow };

    public static ImportTask Parse(ReadOnlySpan<byte> json, long line, ImportDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (!Utf8.IsValid(json))
        {
            throw new ImportFormatException("the text is not valid UTF-8", line);
        }

        var reader = new Utf8JsonReader(json, s_options);
        try
        {
            if (StoredText.JsonHasInvalidEscape(json))
            {
                var field = FieldWithInvalidEscape(json);
                throw new ImportFormatException($"{field} {StoredText.Rule}", line, field);
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ImportFormatException("a task must be a JSON object", line);
            }

            string? data = null, uniqueId = null, metadata = null, batch = null, annotations = null, predictions = null, callbackUrl = null;
            int? priority = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "data":
                        data = RawObject(ref reader, json, line, "data");
                        break;
                    case "unique_id":
                        uniqueId = UniqueId(ref reader, line);
                        break;
                    case "meta" or "metadata":
                        metadata = reader.TokenType == JsonTokenType.Null ? null : RawObject(ref reader, json, line, name);
                        break;
                    case "priority":
                        priority = Priority(ref reader, line);
                        break;
                    case "batch":
                        batch = reader.TokenType switch
                        {
                            JsonTokenType.String => reader.GetString(),
                            JsonTokenType.Null => null,
                            _ => throw new ImportFormatException("batch must be a string", line, "batch"),
                        };
                        break;
                    case "callback_url":
                        callbackUrl = CallbackUrl(ref reader, line);
                        break;
                    case "annotations":
                        annotations = ResultArray(ref reader, json, line, "annotations");
                        break;
                    case "predictions":
                        predictions = ResultArray(ref reader, json, line, "predictions");
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.Read())
            {
                throw new ImportFormatException("unexpected content after the task object", line);
            }

            if (data is null)
            {
                // The flat form: the object is the data. Task-only keys are not looked for there.
                return new ImportTask(Encoding.UTF8.GetString(json.Trim(" \t\r\n"u8)), Batch: defaults.Batch, Priority: defaults.Priority, Line: line);
            }

            return new ImportTask(data, uniqueId, metadata, priority ?? defaults.Priority, batch ?? defaults.Batch, annotations, predictions, line, callbackUrl);
        }
        catch (JsonException ex)
        {
            throw new ImportFormatException($"invalid JSON: {TrimJsonMessage(ex.Message)}", line, null, ex);
        }
    }

    /// <summary>The task field whose value holds a <c>\u0000</c> or unpaired-surrogate escape (the data itself for a flat task).</summary>
    private static string FieldWithInvalidEscape(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, s_options);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var nameStart = (int)reader.TokenStartIndex;
                var isTaskField = !reader.ValueIsEscaped && (reader.ValueTextEquals("data"u8) || reader.ValueTextEquals("unique_id"u8) || reader.ValueTextEquals("meta"u8)
                    || reader.ValueTextEquals("metadata"u8) || reader.ValueTextEquals("batch"u8) || reader.ValueTextEquals("annotations"u8)
                    || reader.ValueTextEquals("predictions"u8));
                var name = isTaskField ? Encoding.UTF8.GetString(reader.ValueSpan) : null;
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                if (StoredText.JsonHasInvalidEscape(json[nameStart..(int)reader.BytesConsumed]))
                {
                    return name is not null && StoredText.JsonHasInvalidEscape(json[valueStart..(int)reader.BytesConsumed]) ? name : "data";
                }
            }
        }

        return "data";
    }

    /// <summary>The part of System.Text.Json's message that says what is wrong, without its internal position phrase.</summary>
    public static string TrimJsonMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        // Advice meant for programmers, not for whoever sent the input.
        var advice = message.IndexOf(". Change the reader options", StringComparison.Ordinal);
        if (advice > 0)
        {
            message = message[..advice];
        }

        return message.TrimEnd('.', ' ', '|');
    }

    private static string RawObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, long line, string field)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ImportFormatException($"{field} must be a JSON object", line, field);
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
    }

    private static string? UniqueId(ref Utf8JsonReader reader, long line) => reader.TokenType switch
    {
        JsonTokenType.String => NonEmpty(reader.GetString()!, line),
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : throw new ImportFormatException("unique_id must be a string or an integer", line, "unique_id"),
        JsonTokenType.Null => null,
        _ => throw new ImportFormatException("unique_id must be a string or an integer", line, "unique_id"),
    };

    private static string NonEmpty(string value, long line) =>
        value.Length is > 0 and <= 512 ? value : throw new ImportFormatException("unique_id must have 1 to 512 characters", line, "unique_id");

    private static string? CallbackUrl(ref Utf8JsonReader reader, long line)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var url = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var problem = WebhookUrl.Check(url);
        return problem is null ? url : throw new ImportFormatException($"callback_url {problem}", line, "callback_url");
    }

    private static int Priority(ref Utf8JsonReader reader, long line) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
            ? value
            : throw new ImportFormatException("priority must be an integer", line, "priority");

    private static string ResultArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, long line, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ImportFormatException($"{field} must be an array", line, field);
        }

        var start = (int)reader.TokenStartIndex;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ImportFormatException($"{field}[{index}] must be an object", line, $"{field}[{index}]");
            }

            var hasResult = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isResult = reader.ValueTextEquals("result"u8);
                reader.Read();
                if (isResult)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new ImportFormatException($"{field}[{index}].result must be an array", line, $"{field}[{index}].result");
                    }

                    hasResult = true;
                }

                reader.Skip();
            }

            if (!hasResult)
            {
                throw new ImportFormatException($"{field}[{index}] has no result array", line, $"{field}[{index}].result");
            }

            index++;
        }

        return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
    }
}
