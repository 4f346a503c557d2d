using System.Buffers;
using System.Text;
using System.Text.Json;
using Groundwork.Core.Annotations;
using Groundwork.Core.Tasks;

namespace Groundwork.Core.Events;

/// <summary>
/// The JSON bodies webhooks carry. Every delivery is an envelope
/// <c>{"event_id", "event", "occurred_at", "project_id", "actor": {"user_id"} | null, "data": {...}}</c>;
/// <c>data</c> holds the thing that changed, with stored JSON (task data, results) copied through verbatim.
/// </summary>
public static class EventPayloads
{
    public static string Envelope(Guid eventId, string kind, DateTimeOffset occurredAt, long projectId, Actor? actor, string dataJson) =>
        Write(w =>
        {
            w.WriteString("event_id", eventId.ToString("N"));
            w.WriteString("event", kind);
            w.WriteString("occurred_at", occurredAt);
            w.WriteNumber("project_id", projectId);
            if (actor?.UserId is { } userId)
            {
                w.WriteStartObject("actor");
                w.WriteNumber("user_id", userId);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("actor");
            }

            w.WritePropertyName("data");
            w.WriteRawValue(dataJson, skipInputValidation: true);
        });

    /// <summary><c>{"annotation": {...}}</c> for the annotation.* events.</summary>
    public static string Annotation(Annotation annotation) => Write(w =>
    {
        w.WritePropertyName("annotation");
        WriteAnnotation(w, annotation);
    });

    /// <summary>
    /// <c>{"review": {...}, "annotation": {...}, "task": {"id", "status", "annotation_count"}}</c> for review.decided:
    /// the decision, the annotation as it now stands and where the task is left (a rejection may send it back to the queue).
    /// </summary>
    public static string ReviewDecided(Reviews.Review review, Annotation annotation, LabelingTaskStatus taskStatus, int acceptedAnnotations) => Write(w =>
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(annotation);
        w.WritePropertyName("review");
        WriteReview(w, review);
        w.WritePropertyName("annotation");
        WriteAnnotation(w, annotation);
        w.WriteStartObject("task");
        w.WriteNumber("id", review.TaskId);
        w.WriteString("status", taskStatus.ToName());
        w.WriteNumber("annotation_count", acceptedAnnotations);
        w.WriteEndObject();
    });

    /// <summary>A review as webhooks and the API write it.</summary>
    public static void WriteReview(Utf8JsonWriter w, Reviews.Review review)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(review);
        w.WriteStartObject();
        w.WriteNumber("id", review.Id);
        w.WriteNumber("annotation_id", review.AnnotationId);
        w.WriteNumber("task_id", review.TaskId);
        w.WriteNumber("project_id", review.ProjectId);
        w.WriteNumber("annotator_id", review.AnnotatorId);
        w.WriteNumber("reviewer_id", review.ReviewerId);
        w.WriteString("decision", Reviews.ReviewDecisionNames.ToName(review.Decision));
        WriteStringOrNull(w, "comment", review.Comment);
        w.WritePropertyName("result");
        if (review.ResultJson is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(review.ResultJson, skipInputValidation: true);
        }

        w.WriteString("created_at", review.CreatedAt);
        w.WriteEndObject();
    }

    /// <summary><c>{"task": {...}, "annotations": [...]}</c> for task.completed and task callbacks.</summary>
    public static string TaskWithAnnotations(LabelingTask task, string? callbackUrl, IEnumerable<Annotation> annotations) => Write(w =>
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(annotations);
        w.WritePropertyName("task");
        w.WriteStartObject();
        w.WriteNumber("id", task.Id);
        w.WriteNumber("project_id", task.ProjectId);
        w.WritePropertyName("data");
        w.WriteRawValue(task.DataJson, skipInputValidation: true);
        WriteStringOrNull(w, "unique_id", task.UniqueId);
        w.WritePropertyName("meta");
        if (task.MetadataJson is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(task.MetadataJson, skipInputValidation: true);
        }

        w.WriteNumber("priority", task.Priority);
        WriteStringOrNull(w, "batch", task.Batch);
        w.WriteString("status", task.Status.ToName());
        w.WriteNumber("annotation_count", task.AnnotationCount);
        WriteStringOrNull(w, "callback_url", callbackUrl);
        w.WriteString("created_at", task.CreatedAt);
        w.WriteString("updated_at", task.UpdatedAt);
        w.WriteEndObject();
        w.WriteStartArray("annotations");
        foreach (var annotation in annotations)
        {
            WriteAnnotation(w, annotation);
        }

        w.WriteEndArray();
    });

    /// <summary>A small JSON object from name/value pairs (numbers, strings, booleans, null), for audit details.</summary>
    public static string Details(params (string Name, object? Value)[] fields) => Write(w =>
    {
        foreach (var (name, value) in fields)
        {
            w.WritePropertyName(name);
            JsonSerializer.Serialize(w, value, value?.GetType() ?? typeof(object));
        }
    });

    private static void WriteAnnotation(Utf8JsonWriter w, Annotation a)
    {
        w.WriteStartObject();
        w.WriteNumber("id", a.Id);
        w.WriteNumber("task_id", a.TaskId);
        w.WriteNumber("project_id", a.ProjectId);
        w.WriteNumber("author_id", a.AuthorId);
        w.WritePropertyName("result");
        w.WriteRawValue(a.ResultJson, skipInputValidation: true);
        if (a.LeadTime is { } leadTime)
        {
            w.WriteNumber("lead_time", leadTime);
        }
        else
        {
            w.WriteNull("lead_time");
        }

        w.WriteString("origin", a.Origin);
        if (a.ReviewState is { } reviewState)
        {
            w.WriteString("review_state", reviewState);
        }

        if (a.FixedResultJson is { } fixedResult)
        {
            w.WritePropertyName("fixed_result");
            w.WriteRawValue(fixedResult, skipInputValidation: true);
        }

        w.WriteString("created_at", a.CreatedAt);
        w.WriteString("updated_at", a.UpdatedAt);
        w.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
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

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
