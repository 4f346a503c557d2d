using System.Buffers;
using System.Text.Json;
using Groundwork.Core.Export;

namespace Groundwork.Formats.Export;

/// <summary>
/// JSON Lines (<c>format=jsonl</c>): one Label Studio task object per line, streamed through a pooled
/// buffer that is written out every 64 KiB.
/// </summary>
public static class JsonLinesWriter
{
    public static async Task<long> WriteAsync(IAsyncEnumerable<ExportTask> tasks, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>(LabelStudioJsonWriter.FlushThreshold * 2);
        await using var writer = new Utf8JsonWriter(buffer, LabelStudioJsonWriter.Options);
        long count = 0;
        await foreach (var task in tasks.WithCancellation(cancellationToken))
        {
            LabelStudioTaskJson.Write(writer, task);
            writer.Flush();
            writer.Reset(buffer);
            buffer.Write("\n"u8);
            count++;
            if (buffer.WrittenCount >= LabelStudioJsonWriter.FlushThreshold)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        if (buffer.WrittenCount > 0)
        {
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }
}
