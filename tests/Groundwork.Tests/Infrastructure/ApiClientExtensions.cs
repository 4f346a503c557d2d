using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Groundwork.Tests.Infrastructure;

/// <summary>Small helpers for driving the API in tests: JSON in, JsonNode out.</summary>
public static class ApiClientExtensions
{
    public static async Task<JsonNode> CreateProjectAsync(this HttpClient client, string name = "test project", int overlap = 1, string? labelConfig = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/projects", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["overlap"] = overlap,
            ["label_config"] = labelConfig ?? """<View><Text name="text" value="$text"/><Choices name="label" toName="text"><Choice value="a"/><Choice value="b"/></Choices></View>""",
        });
        await response.ExpectAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public static async Task<HttpResponseMessage> ImportAsync(this HttpClient client, long projectId, string body, string contentType = "application/x-ndjson", string query = "")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await client.PostAsync($"/api/v1/projects/{projectId}/import{query}", content);
    }

    public static async Task<HttpResponseMessage> AnnotateAsync(this HttpClient client, long projectId, long taskId, string resultJson = """[{"id":"r1","from_name":"label","to_name":"text","type":"choices","value":{"choices":["a"]}}]""", double leadTime = 1.5)
    {
        using var content = new StringContent($$"""{"result":{{resultJson}},"lead_time":{{leadTime.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""", Encoding.UTF8, "application/json");
        return await client.PostAsync($"/api/v1/projects/{projectId}/tasks/{taskId}/annotations", content);
    }

    /// <summary>Asks the queue for the next task; null when there is nothing to do (204).</summary>
    public static async Task<JsonNode?> NextAsync(this HttpClient client, long projectId)
    {
        var response = await client.PostAsync($"/api/v1/projects/{projectId}/next", null);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        await response.ExpectAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    /// <summary>Takes the next task from the queue and submits the result for it under the lease.</summary>
    public static async Task<HttpResponseMessage> SubmitNextAsync(this HttpClient client, long projectId, string resultJson = DefaultResult)
    {
        var next = await client.NextAsync(projectId) ?? throw new InvalidOperationException("the queue had nothing to hand out");
        var body = $$$"""{"result":{{{resultJson}}},"lead_time":2,"lease_id":{{{next["lease_id"]!.GetValue<long>()}}}}""";
        return await client.PostAsync(
            $"/api/v1/projects/{projectId}/tasks/{next["task"]!.Id()}/annotations",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
    }

    public const string DefaultResult = """[{"id":"r1","from_name":"label","to_name":"text","type":"choices","value":{"choices":["a"]}}]""";

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.ExpectAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public static async Task ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"expected {(int)expected} {expected}, got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts an RFC 7807 problem response with the status, and returns it.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ExpectAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        return problem;
    }

    public static long Id(this JsonNode node) => node["id"]!.GetValue<long>();

    public static string Compact(this JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
