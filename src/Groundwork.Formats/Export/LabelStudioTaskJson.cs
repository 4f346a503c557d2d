using System.Text.Json;
using Groundwork.Core.Export;

namespace Groundwork.Formats.Export;

/// <summary>
/// Writes one task in Label Studio's task JSON shape (the shape its import accepts, so an export can be
/// imported again): <c>{id, data, annotations[], predictions[], meta, unique_id, priority, batch, status, created_at}</c>.
/// Stored JSON (data, results) is copied through as raw text, never re-parsed.
/// </summary>
public static class LabelStudioTaskJson
{
    public static void Write(Utf8JsonWriter writer, ExportTask task)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(task);
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, task.Id);
        writer.WritePropertyName("data"u8);
        writer.WriteRawValue(task.DataJson, skipInputValidation: true);
        writer.WriteStartArray("annotations"u8);
        foreach (var annotation in task.Annotations)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id"u8, annotation.Id);
            writer.WriteNumber("completed_by"u8, annotation.AuthorId);
            writer.WritePropertyName("result"u8);
            writer.WriteRawValue(annotation.ResultJson, skipInputValidation: true);
            if (annotation.LeadTime is { } leadTime)
            {
                writer.WriteNumber("lead_time"u8, leadTime);
            }
            else
            {
                writer.WriteNull("lead_time"u8);
            }

            writer.WriteString("origin"u8, annotation.Origin);
            if (annotation.ReviewState is { } reviewState)
            {
                writer.WriteString("review_state"u8, reviewState);
            }

            writer.WriteString("created_at"u8, annotation.CreatedAt);
            writer.WriteString("updated_at"u8, annotation.UpdatedAt);
            writer.WriteNumber("task"u8, task.Id);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("predictions"u8);
        foreach (var prediction in task.Predictions)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id"u8, prediction.Id);
            writer.WritePropertyName("result"u8);
            writer.WriteRawValue(prediction.ResultJson, skipInputValidation: true);
            writer.WriteString("model_version"u8, prediction.ModelVersion);
            if (prediction.Score is { } score)
            {
                writer.WriteNumber("score"u8, score);
            }
            else
            {
                writer.WriteNull("score"u8);
            }

            writer.WriteString("created_at"u8, prediction.CreatedAt);
            writer.WriteNumber("task"u8, task.Id);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("meta"u8);
        if (task.MetadataJson is null)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteRawValue(task.MetadataJson, skipInputValidation: true);
        }

        writer.WriteString("unique_id"u8, task.UniqueId);
        writer.WriteNumber("priority"u8, task.Priority);
        writer.WriteString("batch"u8, task.Batch);
        writer.WriteString("status"u8, task.Status);
        writer.WriteString("created_at"u8, task.CreatedAt);
        writer.WriteEndObject();
    }
}
