using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Groundwork.Core.Export;

/// <summary>The JSON of an export job in webhook payloads and audit details.</summary>
public static class ExportJobPayload
{
    /// <summary>The route a finished job's file is downloaded from.</summary>
    public static string DownloadPath(long projectId, long jobId) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/projects/{projectId}/exports/{jobId}/download");

    /// <summary><c>{"export": {...}}</c>, the <c>data</c> of <c>export.finished</c>.</summary>
    public static string Finished(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("export");
            w.WriteNumber("id", job.Id);
            w.WriteNumber("project_id", job.ProjectId);
            w.WriteString("format", job.Format);
            w.WriteString("annotations", job.Annotations);
            w.WriteString("state", job.State);
            w.WriteNumber("tasks_written", job.TasksWritten);
            w.WriteNumber("bytes", job.Bytes);
            NullableString(w, "file_name", job.FileName);
            NullableString(w, "error", job.Error);
            NullableString(w, "download_url", job.State == ExportJobStates.Succeeded ? DownloadPath(job.ProjectId, job.Id) : null);
            w.WriteString("created_at", job.CreatedAt);
            if (job.StartedAt is { } started)
            {
                w.WriteString("started_at", started);
            }
            else
            {
                w.WriteNull("started_at");
            }

            if (job.FinishedAt is { } finished)
            {
                w.WriteString("finished_at", finished);
            }
            else
            {
                w.WriteNull("finished_at");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
