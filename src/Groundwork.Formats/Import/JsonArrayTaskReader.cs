using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Groundwork.Core.Import;

namespace Groundwork.Formats.Import;

/// <summary>
/// A JSON array of task objects (Label Studio's import and export shape), read element by element
/// with a resumable <see cref="Utf8JsonReader"/>: memory holds one element and one read block, however long the array.
/// </summary>
public sealed class JsonArrayTaskReader : ITaskReader
{
    /// <summary>The largest single task accepted.</summary>
    public const int MaxTaskBytes = 16 * 1024 * 1024;

    private static readonly JsonReaderOptions s_options = new() { MaxDepth = TaskObjectParser.MaxDepth };

    public async IAsyncEnumerable<ImportTask> ReadAsync(Stream input, ImportDefaults defaults, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var scan = new ArrayScan();
        try
        {
            var end = 0;
            var eof = false;
            while (true)
            {
                var read = await input.ReadAsync(buffer.AsMemory(end), cancellationToken);
                eof = read == 0;
                end += read;
                var batch = new List<ImportTask>();
                var consumed = scan.Advance(buffer.AsSpan(0, end), isFinal: false, defaults, batch);
                if (eof && !scan.Finished)
                {
                    // The input ended: only the closing bracket (and white space) may remain.
                    var rest = buffer.AsSpan(consumed, end - consumed).Trim(" \t\r\n"u8);
                    if (!scan.InArray && rest.IsEmpty)
                    {
                        throw new ImportFormatException("the body is empty: expected a JSON array of task objects", scan.Line);
                    }

                    if (scan.InArray && !rest.StartsWith("]"u8))
                    {
                        throw new ImportFormatException("the JSON array is not closed: the input ended inside it", scan.Line);
                    }

                    consumed += scan.Advance(buffer.AsSpan(consumed, end - consumed), isFinal: true, defaults, batch);
                }

                foreach (var task in batch)
                {
                    yield return task;
                }

                if (scan.Finished)
                {
                    yield break;
                }

                if (eof)
                {
                    throw new ImportFormatException("the JSON array is not closed: the input ended inside it", scan.Line);
                }

                Buffer.BlockCopy(buffer, consumed, buffer, 0, end - consumed);
                end -= consumed;
                if (end == buffer.Length)
                {
                    if (buffer.Length >= MaxTaskBytes)
                    {
                        // Name the line the oversized task starts on, past the separator before it.
                        var pending = buffer.AsSpan(0, end);
                        var taskStart = pending.IndexOfAnyExcept(" \t\r\n,"u8);
                        var line = scan.Line + pending[..(taskStart < 0 ? end : taskStart)].Count((byte)'\n');
                        throw new ImportFormatException($"a task is larger than {MaxTaskBytes} bytes", line);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The reader's position in the array between blocks of input.</summary>
    private sealed class ArrayScan
    {
        private JsonReaderState _state = new(s_options);
        private bool _inArray;
        private int _index;

        public bool InArray => _inArray;

        public bool Finished { get; private set; }

        /// <summary>The line (1-based) where the unconsumed part of the input begins.</summary>
        public long Line { get; private set; } = 1;

        /// <summary>Reads every complete element in the block; returns how many bytes were consumed.</summary>
        public int Advance(ReadOnlySpan<byte> block, bool isFinal, ImportDefaults defaults, List<ImportTask> output)
        {
            var reader = new Utf8JsonReader(block, isFinal, _state);
            var consumed = 0;
            var counted = 0;
            var lineAtCounted = Line;
            long LineAt(ReadOnlySpan<byte> span, int position)
            {
                lineAtCounted += span[counted..position].Count((byte)'\n');
                counted = position;
                return lineAtCounted;
            }

            try
            {
                while (true)
                {
                    if (!reader.Read())
                    {
                        Line = LineAt(block, consumed);
                        return consumed;
                    }

                    if (!_inArray)
                    {
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw new ImportFormatException("a JSON import must be an array of task objects", Line);
                        }

                        _inArray = true;
                    }
                    else if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        if (reader.Read())
                        {
                            throw new ImportFormatException("unexpected content after the JSON array", LineAt(block, (int)reader.TokenStartIndex));
                        }

                        if (!isFinal)
                        {
                            // Trailing whitespace may still come; nothing else may.
                            Line = LineAt(block, consumed);
                            return consumed;
                        }

                        Finished = true;
                        return (int)reader.BytesConsumed;
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        var start = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            Line = LineAt(block, consumed);
                            return consumed;
                        }

                        var line = LineAt(block, start);
                        output.Add(TaskObjectParser.Parse(block[start..(int)reader.BytesConsumed], line, defaults));
                        _index++;
                    }
                    else
                    {
                        var line = LineAt(block, (int)reader.TokenStartIndex);
                        throw new ImportFormatException($"element {_index} of the array must be a task object, not {reader.TokenType}", line);
                    }

                    consumed = (int)reader.BytesConsumed;
                    _state = reader.CurrentState;
                }
            }
            catch (JsonException ex)
            {
                var line = ex.LineNumber is { } l ? l + 1 : Line;
                throw new ImportFormatException($"invalid JSON: {TaskObjectParser.TrimJsonMessage(ex.Message)}", line, null, ex);
            }
        }
    }
}
