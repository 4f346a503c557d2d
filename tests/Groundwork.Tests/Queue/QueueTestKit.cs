using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Queue;

/// <summary>Shared steps of the queue tests: projects with tasks, annotators who are members, submitting under a lease.</summary>
internal static class QueueTestKit
{
    public const string ChoiceConfig =
        """<View><Text name="text" value="$text"/><Choices name="label" toName="text"><Choice value="a"/><Choice value="b"/></Choices></View>""";

    public static string Choice(string label) =>
        $$$"""[{"id":"r1","from_name":"label","to_name":"text","type":"choices","value":{"choices":["{{{label}}}"]}}]""";

    public static async Task<long> CreateProjectAsync(TestApp app, int overlap = 1, string? settings = null)
    {
        var body = $$$"""{"name":"queue","overlap":{{{overlap}}},"label_config":{{{JsonValue.Create(ChoiceConfig).ToJsonString()}}}{{{(settings is null ? string.Empty : "," + settings)}}}}""";
        var response = await app.Client.PostAsync("/api/v1/projects", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.ExpectAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).Id();
    }

    /// <summary>Imports tasks with texts t0, t1, ... (as JSONL lines built by <paramref name="line"/>) and returns their ids in import order.</summary>
    public static async Task<List<long>> ImportAsync(TestApp app, long projectId, int count, Func<int, string>? line = null)
    {
        line ??= i => $$$"""{"data":{"text":"t{{{i}}}"}}""";
        var response = await app.Client.ImportAsync(projectId, string.Join('\n', Enumerable.Range(0, count).Select(line)));
        await response.ExpectAsync(HttpStatusCode.OK);
        var ids = new List<long>();
        long? cursor = null;
        do
        {
            var page = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks?limit=1000{(cursor is null ? string.Empty : $"&cursor={cursor}")}");
            ids.AddRange(page["items"]!.AsArray().Select(t => t!.Id()));
            cursor = page["next_cursor"]?.GetValue<long?>();
        }
        while (cursor is not null);
        return ids;
    }

    public static async Task<(long UserId, HttpClient Client)> AnnotatorAsync(TestApp app, long projectId, string email, string role = "annotator")
    {
        var (user, client) = await app.CreateUserAsync(email);
        var response = await app.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/members/{user.Id}", new { role });
        await response.ExpectAsync(HttpStatusCode.OK);
        return (user.Id, client);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, long projectId, JsonNode leased, string result)
    {
        var body = $$$"""{"result":{{{result}}},"lead_time":3,"lease_id":{{{leased["lease_id"]!.GetValue<long>()}}}}""";
        return await client.PostAsync(
            $"/api/v1/projects/{projectId}/tasks/{TaskId(leased)}/annotations",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
    }

    public static long TaskId(JsonNode leased) => leased["task"]!.Id();

    public static long LeaseId(JsonNode leased) => leased["lease_id"]!.GetValue<long>();
}
