using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests;

/// <summary>How the server hands out the UI: index.html for client routes, never for server paths, with a strict policy.</summary>
public sealed class ServingTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/projects/12/label")]
    [InlineData("/sign-in?next=%2F")]
    public async Task ClientRoute_ServesIndexWithStrictPolicy(string path)
    {
        await using var app = await WebApp.StartAsync();
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        using var response = await client.GetAsync(path.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/app.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"icon\" href=\"data:,\">", html, StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Bundle_IsServedAsJavaScript()
    {
        await using var app = await WebApp.StartAsync();
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        using var js = await client.GetAsync("app.js");
        using var css = await client.GetAsync("app.css");

        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api")]
    [InlineData("/openapi/nothing")]
    [InlineData("/healthz/deeper")]
    [InlineData("/missing.js")]
    public async Task ServerPaths_NeverFallBackToTheUi(string path)
    {
        await using var app = await WebApp.StartAsync();
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        using var response = await client.GetAsync(path.TrimStart('/'));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ApiRequestsRoutingTurnsDown_KeepTheirStatus()
    {
        await using var app = await WebApp.StartAsync();
        using var wrongMethod = await app.Api.DeleteAsync("api/v1/label-configs/validate");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task Api_StillAnswersJson()
    {
        await using var app = await WebApp.StartAsync();
        using var response = await app.Api.GetAsync("api/v1/projects");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
