using System.Net;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Api;

public sealed class AuthenticationTests
{
    public static TheoryData<string, string> ApiRoutes => new()
    {
        { "GET", "/api/v1/projects" },
        { "POST", "/api/v1/projects" },
        { "GET", "/api/v1/projects/1" },
        { "PATCH", "/api/v1/projects/1" },
        { "DELETE", "/api/v1/projects/1" },
        { "POST", "/api/v1/projects/1/import" },
        { "GET", "/api/v1/projects/1/tasks" },
        { "GET", "/api/v1/projects/1/tasks/1" },
        { "POST", "/api/v1/projects/1/tasks/1/cancel" },
        { "POST", "/api/v1/projects/1/tasks/1/annotations" },
        { "GET", "/api/v1/projects/1/tasks/1/annotations" },
        { "PATCH", "/api/v1/projects/1/annotations/1" },
        { "DELETE", "/api/v1/projects/1/annotations/1" },
        { "GET", "/api/v1/projects/1/export" },
    };

    [Theory]
    [MemberData(nameof(ApiRoutes))]
    public async Task EveryApiRoute_WithoutToken_Returns401Problem(string method, string url)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = await app.Client.CreateProjectAsync();
        Assert.Equal(1, project.Id());
        using var anonymous = app.CreateClient(token: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };

        var response = await anonymous.SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Token gw_not-a-real-token-at-all-000000")]
    [InlineData("Bearer gw_not-a-real-token-at-all-000000")]
    [InlineData("Token")]
    public async Task WrongToken_Returns401(string header)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        using var client = app.CreateClient(token: null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        var response = await client.GetAsync("/api/v1/projects");

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task BearerScheme_IsAcceptedLikeToken()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        using var client = app.CreateClient(token: null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestApp.AdminToken);

        var response = await client.GetAsync("/api/v1/projects");

        await response.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HealthAndOpenApi_AreOpenWithoutToken()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        using var anonymous = app.CreateClient(token: null);

        var health = await anonymous.GetJsonAsync("/healthz");
        var openApi = await anonymous.GetJsonAsync("/openapi/v1.json");

        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.NotNull(openApi["paths"]!["/api/v1/projects/{projectId}/import"]);
        Assert.NotNull(openApi["components"]!["securitySchemes"]!["Token"]);
    }

    [Fact]
    public async Task ProjectOfSomeoneElse_IsNotFoundForANonMember()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = await app.Client.CreateProjectAsync();
        var (_, outsider) = await app.CreateUserAsync("outsider@example.com");

        var get = await outsider.GetAsync($"/api/v1/projects/{project.Id()}");
        var list = await outsider.GetJsonAsync("/api/v1/projects");
        var import = await outsider.ImportAsync(project.Id(), """{"text":"x"}""");

        await get.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(list.AsArray());
        await import.ExpectProblemAsync(HttpStatusCode.NotFound);
        var tasks = await app.Client.GetJsonAsync($"/api/v1/projects/{project.Id()}/tasks");
        Assert.Empty(tasks["items"]!.AsArray());
    }
}
