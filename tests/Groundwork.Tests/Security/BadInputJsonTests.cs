using System.Net;
using System.Text;

namespace Groundwork.Tests.Security;

/// <summary>Malformed and mistyped JSON bodies: a 400 problem naming the field or position, and nothing stored.</summary>
public sealed class BadInputJsonTests(BadInputApps apps) : IClassFixture<BadInputApps>
{
    public static TheoryData<string, string, string, string> MalformedBodies()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var (endpoint, body, where) in Cases())
            {
                data.Add(provider, endpoint, body, where);
            }
        }

        return data;
    }

    private static IEnumerable<(string Endpoint, string Body, string Where)> Cases()
    {
        // Truncated, trailing garbage, not an object, empty.
        foreach (var endpoint in new[] { "create", "update", "annotate", "reannotate", "validate" })
        {
            yield return (endpoint, """{"name": "x", "label_config": """, "line");
            yield return (endpoint, """{"name": "x"} trailing""", "line");
            yield return (endpoint, """{"name": "x"}}""", "line");
            yield return (endpoint, """{"name": "x",}""", "line");
            yield return (endpoint, """{'name': 'x'}""", "line");
            yield return (endpoint, "\"just a string\"", "line");
            yield return (endpoint, "[1, 2]", "line");
            yield return (endpoint, "nul", "line");
            yield return (endpoint, "{\"name\": \"x\u0001\"}", "line");
            yield return (endpoint, new string('[', 3000), "line");
            yield return (endpoint, Nested(200), "line");
        }

        // Wrong types for every field.
        foreach (var endpoint in new[] { "create", "update" })
        {
            yield return (endpoint, """{"name": 5}""", "$.name");
            yield return (endpoint, """{"name": ["x"]}""", "$.name");
            yield return (endpoint, """{"name": {"x": 1}}""", "$.name");
            yield return (endpoint, """{"name": true}""", "$.name");
            yield return (endpoint, """{"label_config": 1}""", "$.label_config");
            yield return (endpoint, """{"label_config": {"View": {}}}""", "$.label_config");
            yield return (endpoint, """{"instructions": 3.5}""", "$.instructions");
            yield return (endpoint, """{"instructions": false}""", "$.instructions");
            yield return (endpoint, """{"overlap": "two"}""", "$.overlap");
            yield return (endpoint, """{"overlap": 1.5}""", "$.overlap");
            yield return (endpoint, """{"overlap": 99999999999}""", "$.overlap");
            yield return (endpoint, """{"overlap": [1]}""", "$.overlap");
            yield return (endpoint, """{"overlap": true}""", "$.overlap");
        }

        foreach (var endpoint in new[] { "annotate", "reannotate" })
        {
            yield return (endpoint, """{"result": [], "lead_time": "fast"}""", "$.lead_time");
            yield return (endpoint, """{"result": [], "lead_time": [1]}""", "$.lead_time");
            yield return (endpoint, """{"result": [], "lead_time": {"s": 1}}""", "$.lead_time");
            yield return (endpoint, """{"result": [], "lead_time": true}""", "$.lead_time");
            yield return (endpoint, """{"result": [], "lead_time": 1e999}""", "lead_time");
            yield return (endpoint, """{"result": [], "lead_time": -1}""", "lead_time");
            yield return (endpoint, """{"result": "choices"}""", "result");
            yield return (endpoint, """{"result": 1}""", "result");
            yield return (endpoint, """{"result": {"from_name": "label"}}""", "result");
            yield return (endpoint, """{"result": [1, "x"]}""", "result[0]");
            yield return (endpoint, """{"result": null}""", "result");
            yield return (endpoint, """{"lead_time": 1}""", "result");
            yield return (endpoint, """{"result": [{"from_name": 5, "to_name": "text", "type": "choices", "value": {"choices": ["a"]}}]}""", "result[0]");
            yield return (endpoint, """{"result": [{"from_name": "label", "to_name": "text", "type": "choices", "value": {"choices": "a"}}]}""", "result[0]");
            yield return (endpoint, """{"result": [{"from_name": "label", "to_name": "text", "type": "choices", "value": {"choices": ["nope"]}}]}""", "result[0]");
            yield return (endpoint, """{"result": [{"from_name": "label", "to_name": "text", "type": "choices", "value": [1]}]}""", "result[0]");
            yield return (endpoint, "{\"result\": " + Nested(200) + "}", "line");
        }

        yield return ("validate", """{"label_config": 5}""", "$.label_config");
        yield return ("validate", """{"label_config": ["<View/>"]}""", "$.label_config");
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Body_Malformed_Returns400SayingWhereAndStoresNothing(string provider, string endpoint, string body, string where)
    {
        var target = await apps.GetAsync(provider);

        var problem = await BadInputAssert.RefusedAsync(target, client => SendAsync(target, client, endpoint, body, "application/json"), HttpStatusCode.BadRequest);

        Assert.Contains(where, BadInputAssert.Where(problem), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ContentTypes))]
    public async Task Body_WrongOrMissingContentType_Returns415(string provider, string endpoint, string? contentType)
    {
        var target = await apps.GetAsync(provider);

        var problem = await BadInputAssert.RefusedAsync(
            target, client => SendAsync(target, client, endpoint, """{"name":"x","result":[]}""", contentType), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("application/json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string?> ContentTypes()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var endpoint in new[] { "create", "update", "annotate", "reannotate", "validate" })
            {
                data.Add(provider, endpoint, null);
                data.Add(provider, endpoint, "text/plain");
                data.Add(provider, endpoint, "application/x-www-form-urlencoded");
                data.Add(provider, endpoint, "application/xml");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Body_Empty_Returns400(string provider, string endpoint)
    {
        var target = await apps.GetAsync(provider);

        await BadInputAssert.RefusedAsync(target, client => SendAsync(target, client, endpoint, string.Empty, "application/json"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Body_OverTheLimit_Returns413(string provider, string endpoint)
    {
        var target = await apps.GetAsync(provider);
        var body = $$"""{"name":"{{new string('x', (int)BadInputApps.MaxBodyBytes)}}"}""";

        var problem = await BadInputAssert.RefusedAsync(target, client => SendAsync(target, client, endpoint, body, "application/json"), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains(BadInputApps.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Body_OverTheLimitWithoutContentLength_Returns413(string provider, string endpoint)
    {
        var target = await apps.GetAsync(provider);
        var body = $$"""{"name":"{{new string('x', (int)BadInputApps.MaxBodyBytes)}}"}""";

        await BadInputAssert.RefusedAsync(
            target,
            client => SendAsync(target, client, endpoint, body, "application/json", chunked: true),
            HttpStatusCode.RequestEntityTooLarge);
    }

    public static TheoryData<string, string> Endpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var endpoint in new[] { "create", "update", "annotate", "reannotate", "validate" })
            {
                data.Add(provider, endpoint);
            }
        }

        return data;
    }

    internal static async Task<HttpResponseMessage> SendAsync(BadInputTarget target, HttpClient client, string endpoint, string body, string? contentType, bool chunked = false)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        HttpContent content = chunked ? new StreamContent(new UnseekableStream(bytes)) : new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = endpoint switch
        {
            "create" => new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects"),
            "update" => new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/projects/{target.ProjectId}"),
            "annotate" => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{target.ProjectId}/tasks/{target.TaskId}/annotations"),
            "reannotate" => new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/projects/{target.ProjectId}/annotations/{target.AnnotationId}"),
            "validate" => new HttpRequestMessage(HttpMethod.Post, "/api/v1/label-configs/validate"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "unknown endpoint"),
        };
        request.Content = content;
        return await client.SendAsync(request);
    }
}
