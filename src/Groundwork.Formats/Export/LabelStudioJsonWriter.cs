using System.Text.Encodings.Web;
using System.Text.Json;
using Groundwork.Core.Export;

namespace Groundwork.Formats.Export;

/// <summary>
/// Label Studio JSON (<c>format=json</c>): one array of task objects, streamed. The writer flushes to
/// the output every 64 KiB, so memory stays flat whatever the number of tasks.
/// </summary>
public static class LabelStudioJsonWriter
{
    public const int FlushThreshold = 64 * 1024;

    internal static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static async Task<long> WriteAsync(IAsyncEnumerable<ExportTask> tasks, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        await using var writer = new Utf8JsonWriter(output, Options);
        long count = 0;
        writer.WriteStartArray();
        await foreach (var task in tasks.WithCancellation(cancellationToken))
        {
            LabelStudioTaskJson.Write(writer, task);
            count++;
            if (writer.BytesPending >= FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
        return count;
    }
}
