using System.Net;
using System.Text.Json.Nodes;
using Groundwork.Demo;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Hosting;
using Groundwork.Testing;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Demo;

/// <summary>
/// <c>serve --demo</c>: the sample projects are seeded from the web build's copy of the npm packages' files, the demo
/// user can sign in without a password and take a task in each, a restart adds nothing, and without --demo the demo
/// sign-in does not exist.
/// </summary>
public sealed class DemoModeTests
{
    private static readonly Dictionary<string, string?> s_demo = new(StringComparer.Ordinal) { [$"{DemoOptions.Section}:Enabled"] = "true" };

    /// <summary>Tasks each demo project gets: one per photograph, five passages from each of four speeches, six prompts.</summary>
    private static readonly Dictionary<string, int> s_taskCounts = new(StringComparer.Ordinal)
    {
        [DemoCatalog.ImageProjectName] = 8,
        [DemoCatalog.TextProjectName] = 4 * DemoCatalog.PassagesPerText,
        [DemoCatalog.LlmProjectName] = 6,
    };

    private static void RequireDemoData() =>
        TestEnvironment.Require(File.Exists(Path.Combine(WebUi.Root, "demo", DemoManifest.FileName)),
            $"the web UI's build (with its demo data, {Path.Combine(WebUi.Root, "demo")}) is absent: the server was built with -p:SkipWebUi=true");

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Demo_SeedsThreeProjects_TheDemoUserTakesATaskInEach_AndARestartAddsNothing(string provider)
    {
        RequireDemoData();
        await using var app = await TestApp.StartAsync(provider, s_demo);

        var projects = (await app.Client.GetJsonAsync("/api/v1/projects")).AsArray().Select(p => p!).ToList();
        Assert.Equal(s_taskCounts.Keys.Order(StringComparer.Ordinal), projects.Select(p => p["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var project in projects)
        {
            Assert.True(LabelConfigParser.Parse(project["label_config"]!.GetValue<string>()).IsValid);
            var tasks = (await app.Client.GetJsonAsync($"/api/v1/projects/{project.Id()}/tasks?limit=100"))["items"]!.AsArray();
            Assert.Equal(s_taskCounts[project["name"]!.GetValue<string>()], tasks.Count);
        }

        // The photographs are served by Groundwork itself, from the web build's copy.
        var image = (await app.Client.GetJsonAsync($"/api/v1/projects/{Named(projects, DemoCatalog.ImageProjectName)}/tasks?limit=1"))["items"]![0]!["data"]!["image"]!.GetValue<string>();
        Assert.StartsWith("/demo/images/", image, StringComparison.Ordinal);
        using var anonymous = app.CreateClient(null);
        using var picture = await anonymous.GetAsync(image);
        await picture.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
        Assert.True((await picture.Content.ReadAsByteArrayAsync()).Length > 10_000);

        // Anyone is the demo user: no password, a session cookie, CSRF as for every session.
        using var browser = Browser.Open(app);
        var session = await browser.GetSessionAsync();
        var problem = await session.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("/api/v1/auth/demo", problem["demo_sign_in"]!.GetValue<string>());
        var signIn = await browser.SendAsync(HttpMethod.Post, "/api/v1/auth/demo", new { });
        await signIn.ExpectAsync(HttpStatusCode.OK);
        var signedIn = await signIn.JsonAsync();
        Assert.Equal(DemoSeeder.DemoEmail, signedIn["user"]!["email"]!.GetValue<string>());
        Assert.False(signedIn["user"]!["is_admin"]!.GetValue<bool>());
        browser.CsrfToken = signedIn["csrf_token"]!.GetValue<string>();
        foreach (var project in projects)
        {
            var next = await browser.SendAsync(HttpMethod.Post, $"/api/v1/projects/{project.Id()}/next", new { });
            await next.ExpectAsync(HttpStatusCode.OK);
            var lease = await next.JsonAsync();
            Assert.Equal(project.Id(), lease["task"]!["project"]!.GetValue<long>());
        }

        // The demo user sees the demo projects only, not the admin's.
        await app.Client.CreateProjectAsync("the admin's own");
        var visible = await browser.SendAsync(HttpMethod.Get, "/api/v1/projects");
        Assert.Equal(3, (await visible.JsonAsync()).AsArray().Count);

        // A second start on the same store seeds again and finds everything there.
        await app.StopAsync();
        await using var again = await app.StartPeerAsync(s_demo);
        var after = (await again.Client.GetJsonAsync("/api/v1/projects")).AsArray().Select(p => p!).ToList();
        Assert.Equal(4, after.Count);
        foreach (var project in projects)
        {
            var tasks = (await again.Client.GetJsonAsync($"/api/v1/projects/{project.Id()}/tasks?limit=100"))["items"]!.AsArray();
            Assert.Equal(s_taskCounts[project["name"]!.GetValue<string>()], tasks.Count);
        }
    }

    [Fact]
    public async Task WithoutDemo_ThereIsNoDemoSignIn_EvenForASeededStore()
    {
        RequireDemoData();
        await using var seeded = await TestApp.StartAsync("sqlite", s_demo);
        await seeded.StopAsync();
        await using var app = await seeded.StartPeerAsync(new Dictionary<string, string?>(StringComparer.Ordinal) { [$"{DemoOptions.Section}:Enabled"] = "false" });
        using var browser = Browser.Open(app);

        var session = await browser.GetSessionAsync();
        var problem = await session.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(problem["demo_sign_in"]);
        var signIn = await browser.SendAsync(HttpMethod.Post, "/api/v1/auth/demo", new { });
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        // The demo user has no password: the ordinary sign-in does not let it in either.
        var password = await browser.SignInAsync(DemoSeeder.DemoEmail, "");
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        var guessed = await browser.SignInAsync(DemoSeeder.DemoEmail, "demo");
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
    }

    [Fact]
    public async Task Demo_WithoutItsSampleData_FailsToStartSayingWhatIsMissing()
    {
        var settings = new Dictionary<string, string?>(s_demo, StringComparer.Ordinal)
        {
            [$"{DemoOptions.Section}:DataDirectory"] = Path.Combine(Path.GetTempPath(), "groundwork-no-demo-" + Guid.NewGuid().ToString("N")),
        };

        var error = await Assert.ThrowsAsync<DemoDataMissingException>(async () => await TestApp.StartAsync("sqlite", settings));
        Assert.Contains("SkipWebUi", error.Message, StringComparison.Ordinal);
    }

    private static long Named(List<JsonNode> projects, string name) => projects.Single(p => p["name"]!.GetValue<string>() == name).Id();
}
