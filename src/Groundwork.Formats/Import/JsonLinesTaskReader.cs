using System.Buffers;
using System.Runtime.CompilerServices;
using Groundwork.Core.Import;

namespace Groundwork.Formats.Import;

/// <summary>JSON Lines: one task object per line (blank lines are allowed). Reads in 64 KiB blocks.</summary>
public sealed class JsonLinesTaskReader : ITaskReader
{
    /// <summary>The longest line accepted; a longer one is reported rather than buffered without end.</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    public async IAsyncEnumerable<ImportTask> ReadAsync(Stream input, ImportDefaults defaults, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int start = 0, end = 0;
            long line = 0;
            var eof = false;
            var first = true;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !eof)
                {
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }

                    if (end == buffer.Length)
                    {
                        if (buffer.Length >= MaxLineBytes)
                        {
                            throw new ImportFormatException($"line is longer than {MaxLineBytes} bytes", line + 1);
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await input.ReadAsync(buffer.AsMemory(end), cancellationToken);
                    if (read == 0)
                    {
                        eof = true;
                    }

                    end += read;
                    continue;
                }

                if (newline < 0 && start == end)
                {
                    yield break;
                }

                var length = newline < 0 ? end - start : newline;
                line++;
                var lineStart = start;
                start += newline < 0 ? length : length + 1;
                var task = ParseLine(buffer.AsSpan(lineStart, length), line, defaults, ref first);
                if (task is not null)
                {
                    yield return task;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ImportTask? ParseLine(ReadOnlySpan<byte> bytes, long line, ImportDefaults defaults, ref bool first)
    {
        if (first)
        {
            first = false;
            if (bytes.StartsWith(Utf8Bom))
            {
                bytes = bytes[3..];
            }
        }

        bytes = bytes.Trim(" \t\r"u8);
        return bytes.IsEmpty ? null : TaskObjectParser.Parse(bytes, line, defaults);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
}
