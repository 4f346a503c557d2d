using System.Net;
using System.Text;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Security;

/// <summary>Ids out of range or not numbers, bad query values, unknown routes and bad tokens: a 4xx problem, never a 500.</summary>
public sealed class BadInputRouteTests(BadInputApps apps) : IClassFixture<BadInputApps>
{
    // A NUL in the path (%00) never reaches the app: Kestrel and the test server refuse such a request line themselves.
    private static readonly string[] s_ids =
    [
        "0", "-1", "99999999999999999999", "9223372036854775807", "-9223372036854775808", "abc", "1.5", "1e3",
        "1%27%20OR%201=1", "1;DROP%20TABLE%20tasks", "%EF%BC%91", "0x10", "%20", "..%2F..%2Fetc%2Fpasswd",
    ];

    public static TheoryData<string, string, string> BadIds()
    {
        var data = new TheoryData<string, string, string>();
        var routes = new[]
        {
            "GET /api/v1/projects/{id}", "PATCH /api/v1/projects/{id}", "DELETE /api/v1/projects/{id}", "GET /api/v1/projects/{id}/tasks",
            "GET /api/v1/projects/{project}/tasks/{id}", "POST /api/v1/projects/{project}/tasks/{id}/cancel",
            "POST /api/v1/projects/{project}/tasks/{id}/annotations", "GET /api/v1/projects/{project}/tasks/{id}/annotations",
            "PATCH /api/v1/projects/{project}/annotations/{id}", "DELETE /api/v1/projects/{project}/annotations/{id}",
            "POST /api/v1/projects/{id}/import", "GET /api/v1/projects/{id}/export",
        };
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var route in routes)
            {
                foreach (var id in s_ids)
                {
                    data.Add(provider, route, id);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task Route_IdOutOfRangeOrNotANumber_Returns404Or400(string provider, string route, string id)
    {
        var target = await apps.GetAsync(provider);
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var path = template.Replace("{project}", target.ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{id}", id, StringComparison.Ordinal);

        await BadInputAssert.RefusedAsync(
            target,
            client =>
            {
                var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PATCH")
                {
                    request.Content = path.EndsWith("/import", StringComparison.Ordinal)
                        ? new StringContent("{\"data\":{\"text\":\"t\"}}", Encoding.UTF8, "application/x-ndjson")
                        : new StringContent("""{"name":"renamed","result":[]}""", Encoding.UTF8, "application/json");
                }

                return client.SendAsync(request);
            },
            HttpStatusCode.NotFound,
            HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string, string> BadQueries()
    {
        var data = new TheoryData<string, string, string>();
        var queries = new (string Query, string Field)[]
        {
            ("tasks?cursor=abc", "cursor"), ("tasks?cursor=-1", "cursor"), ("tasks?cursor=99999999999999999999", "cursor"),
            ("tasks?cursor=1%27%3B--", "cursor"), ("tasks?limit=0", "limit"), ("tasks?limit=1001", "limit"), ("tasks?limit=abc", "limit"),
            ("tasks?limit=-5", "limit"), ("tasks?limit=99999999999", "limit"), ("tasks?has_annotations=maybe", "has_annotations"),
            ("tasks?has_annotations=1%27", "has_annotations"), ("tasks?status=Queued%27--", "status"), ("tasks?status=%25", "status"),
            ("tasks?status=", "status"), ("export?format=..%2F..%2Fetc%2Fpasswd", "format"), ("export?format=%00", "format"),
            ("export?format=json%27%3B--", "format"),
        };
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var (query, field) in queries)
            {
                data.Add(provider, query, field);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Query_BadValue_Returns400NamingTheParameter(string provider, string query, string field)
    {
        var target = await apps.GetAsync(provider);

        var problem = await BadInputAssert.RefusedAsync(target, client => client.GetAsync($"/api/v1/projects/{target.ProjectId}/{query}"), HttpStatusCode.BadRequest);

        Assert.Contains(field, BadInputAssert.Where(problem), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Route_UnknownOrWrongMethod_ReturnsAProblem(string provider)
    {
        var target = await apps.GetAsync(provider);

        await BadInputAssert.RefusedAsync(target, client => client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        await BadInputAssert.RefusedAsync(target, client => client.GetAsync("/api/v1/projects/1/../../../etc/passwd"), HttpStatusCode.NotFound);
        var problem = await BadInputAssert.RefusedAsync(
            target, client => client.PutAsync($"/api/v1/projects/{target.ProjectId}", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.MethodNotAllowed);

        Assert.Contains("PUT", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadTokens()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var header in new[]
            {
                "Token gw_secret-that-must-not-echo-0123456789", "Bearer gw_secret-that-must-not-echo-0123456789", "gw_secret-that-must-not-echo-0123456789",
                "Token ' OR 1=1 --gw_secret-that-must-not-echo", "Token ", "Basic Z3dfc2VjcmV0LXRoYXQtbXVzdC1ub3QtZWNobw==",
                "Token " + TestApp.AdminToken + "x", "Token gw_secret-that-must-not-echo-" + new string('a', 3000),
            })
            {
                data.Add(provider, header);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Token_WrongOrMalformed_Returns401WithoutEchoingIt(string provider, string header)
    {
        var target = await apps.GetAsync(provider);
        using var client = target.App.CreateClient(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        var before = await target.SnapshotAsync();
        using var response = await client.PostAsync("/api/v1/projects", new StringContent("""{"name":"sneaky"}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        await BadInputAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("gw_secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Z3dfc2Vj", body, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Value.Any(v => v.Contains("gw_", StringComparison.Ordinal)));
        Assert.Equal(before, await target.SnapshotAsync());
    }
}
