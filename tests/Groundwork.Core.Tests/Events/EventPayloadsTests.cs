using System.Text.Json;
using Groundwork.Core.Annotations;
using Groundwork.Core.Events;
using Groundwork.Core.Tasks;

namespace Groundwork.Core.Tests.Events;

public sealed class EventPayloadsTests
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Envelope_CarriesTheDataVerbatim_AndTheActor()
    {
        var annotation = new Annotation(5, 7, 1, 3, """[{"value":{"choices":["é"]}}]""", 2.5, AnnotationOrigins.Human, s_at, s_at);
        var json = EventPayloads.Envelope(Guid.Empty, EventKinds.AnnotationCreated, s_at, 1, new Actor(3, "127.0.0.1"), EventPayloads.Annotation(annotation));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("annotation.created", root.GetProperty("event").GetString());
        Assert.Equal(1, root.GetProperty("project_id").GetInt64());
        Assert.Equal(3, root.GetProperty("actor").GetProperty("user_id").GetInt64());
        var data = root.GetProperty("data").GetProperty("annotation");
        Assert.Equal(7, data.GetProperty("task_id").GetInt64());
        Assert.Equal("é", data.GetProperty("result")[0].GetProperty("value").GetProperty("choices")[0].GetString());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(EventPayloads.Envelope(Guid.Empty, "ping", s_at, 1, null, "{}")).RootElement.GetProperty("actor").ValueKind);
    }

    [Fact]
    public void TaskWithAnnotations_HoldsTheTaskAndEveryAnnotation()
    {
        var task = new LabelingTask(7, 1, """{"text":"hi"}""", "u7", null, 0, "b1", LabelingTaskStatus.Completed, null, 2, s_at, s_at);
        var annotations = new[]
        {
            new Annotation(1, 7, 1, 3, "[]", null, AnnotationOrigins.Human, s_at, s_at),
            new Annotation(2, 7, 1, 4, "[]", 1, AnnotationOrigins.Human, s_at, s_at),
        };

        using var document = JsonDocument.Parse(EventPayloads.TaskWithAnnotations(task, "https://example.com/cb", annotations));
        var root = document.RootElement;
        Assert.Equal("completed", root.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal("hi", root.GetProperty("task").GetProperty("data").GetProperty("text").GetString());
        Assert.Equal("https://example.com/cb", root.GetProperty("task").GetProperty("callback_url").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("task").GetProperty("meta").ValueKind);
        Assert.Equal(2, root.GetProperty("annotations").GetArrayLength());
    }

    [Theory]
    [InlineData("https://example.com/hook", true)]
    [InlineData("http://127.0.0.1:8080/x?y=1", true)]
    [InlineData("ftp://example.com/", false)]
    [InlineData("/relative", false)]
    [InlineData("", false)]
    [InlineData("https://user:secret@example.com/", false)]
    public void WebhookUrl_AcceptsAbsoluteHttpOnly(string url, bool valid) =>
        Assert.Equal(valid, WebhookUrl.Check(url) is null);
}
