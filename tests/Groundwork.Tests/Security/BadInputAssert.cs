using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Security;

/// <summary>What every answer to bad input must be: a 4xx RFC 7807 problem that says what is wrong and leaks nothing.</summary>
public static class BadInputAssert
{
    /// <summary>Text that would mean an internal detail reached the client.</summary>
    private static readonly string[] s_leaks =
    [
        "   at ", "Exception", "Npgsql", "SQLite", "Microsoft.", "System.", "SELECT ", "INSERT ", "UPDATE ", "DELETE FROM",
        "stack", "Groundwork.", "reader options", "/root/", "/tmp/", TestApp.AdminToken, "gw_test",
    ];

    /// <summary>
    /// Asserts a problem response with one of the given statuses (all 4xx), a title, a detail (or field errors),
    /// and no stack trace, SQL, path or token in it. Returns the problem.
    /// </summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, params HttpStatusCode[] statuses)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            statuses.Contains(response.StatusCode),
            $"expected {string.Join(" or ", statuses.Select(s => (int)s))}, got {(int)response.StatusCode}: {body}");
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal((int)response.StatusCode, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), body);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            Assert.True(
                !string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()) || problem["errors"] is JsonObject { Count: > 0 },
                $"the problem says neither what nor where: {body}");
        }

        NoLeaks(body);
        return problem;
    }

    /// <summary>Asserts the body shows nothing internal: no stack trace, SQL, server path or secret.</summary>
    public static void NoLeaks(string body)
    {
        foreach (var leak in s_leaks)
        {
            Assert.False(body.Contains(leak, StringComparison.OrdinalIgnoreCase), $"the response shows \"{leak}\": {body}");
        }
    }

    /// <summary>Where the problem says the fault is: its field, its line, or the keys of its field errors.</summary>
    public static string Where(JsonNode problem)
    {
        var parts = new List<string>();
        if (problem["field"] is { } field)
        {
            parts.Add(field.ToString());
        }

        if (problem["line"] is { } line)
        {
            parts.Add("line " + line);
        }

        if (problem["errors"] is JsonObject errors)
        {
            parts.AddRange(errors.Select(e => e.Key));
        }

        return string.Join(", ", parts);
    }

    /// <summary>Sends the request and asserts a clean problem and an unchanged store.</summary>
    public static async Task<JsonNode> RefusedAsync(BadInputTarget target, Func<HttpClient, Task<HttpResponseMessage>> send, params HttpStatusCode[] statuses)
    {
        var before = await target.SnapshotAsync();
        using var response = await send(target.Client);
        var problem = await ProblemAsync(response, statuses);
        Assert.Equal(before, await target.SnapshotAsync());
        return problem;
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!;
}
