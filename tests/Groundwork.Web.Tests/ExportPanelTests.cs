using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>The project page's export panel: starts a background job, shows its progress, saves the finished file.</summary>
public sealed class ExportPanelTests(BrowserFixture browser)
{
    private const string TextConfig = """<View><Text name="text" value="$text"/><Choices name="label" toName="text"><Choice value="a"/><Choice value="b"/></Choices></View>""";

    [Fact]
    public Task StartExport_ShowsTheJobFinish_AndDownloadsItsFile() => BrowserRetry.RunAsync(StartExport_ShowsTheJobFinish_AndDownloadsItsFileOnceAsync);

    private async Task StartExport_ShowsTheJobFinish_AndDownloadsItsFileOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Export me", TextConfig);
        await app.ImportAsync(projectId, Enumerable.Range(0, 12).Select(i => new { data = new { text = $"text {i}" } }).ToArray());
        var direct = await app.Api.GetStringAsync($"api/v1/projects/{projectId}/export?format=jsonl");
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}");

        var panel = page.GetByRole(AriaRole.Form, new() { Name = "Export" });
        await panel.GetByLabel("Format").SelectOptionAsync("jsonl");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start export" }).ClickAsync();
        var status = panel.GetByRole(AriaRole.Status, new() { Name = "Export job" });
        await Assertions.Expect(status).ToContainTextAsync("Done: 12 tasks", new() { Timeout = 30_000 });

        var download = await page.RunAndWaitForDownloadAsync(() => status.GetByRole(AriaRole.Button).ClickAsync());
        var path = await download.PathAsync();
        Assert.Matches($"^project-{projectId}-export-\\d+\\.jsonl$", download.SuggestedFilename);
        Assert.Equal(direct, await File.ReadAllTextAsync(path));
        Assert.Empty(b.Errors);
    }
}
