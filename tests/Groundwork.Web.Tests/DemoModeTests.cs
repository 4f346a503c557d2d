using System.Text.Json;
using Groundwork.Demo;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>serve --demo in a browser: opening / lands signed in as the demo user, who labels a sample photograph.</summary>
public sealed class DemoModeTests(BrowserFixture browser)
{
    public static readonly Dictionary<string, string?> Demo = new(StringComparer.Ordinal) { [$"{DemoOptions.Section}:Enabled"] = "true" };

    [Fact]
    public Task Demo_OpeningTheRoot_LandsSignedIn_AndLabelsASamplePhotograph() => BrowserRetry.RunAsync(DemoOnceAsync);

    private async Task DemoOnceAsync()
    {
        await using var app = await WebApp.StartAsync(Demo);
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".topbar .demo-badge")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".topbar .who")).ToContainTextAsync(DemoSeeder.DemoName);
        await Assertions.Expect(page.Locator(".demo-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(3);
        await TestArtifacts.ScreenshotAsync(page, "projects-demo");
        Assert.Equal(new Uri(app.BaseUrl, "/").ToString(), page.Url);

        await page.Locator("tr", new() { HasText = DemoCatalog.ImageProjectName }).GetByRole(AriaRole.Link, new() { Name = "Label" }).ClickAsync();
        await page.Locator(".image-host[data-drawing]").WaitForAsync();
        var image = page.Locator(".image-object img");
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
        var taskId = long.Parse((await page.Locator(".workspace").GetAttributeAsync("data-task"))!, System.Globalization.CultureInfo.InvariantCulture);
        var box = (await image.BoundingBoxAsync())!;

        await page.Keyboard.PressAsync("3"); // Boat
        await page.Locator(".image-host[data-drawing=rectangle]").WaitForAsync();
        // The junk in the middle of the Nagasaki print, mast to waterline.
        await page.Mouse.MoveAsync(box.X + box.Width * 0.41f, box.Y + box.Height * 0.14f);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.55f, box.Y + box.Height * 0.45f, new() { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + box.Width * 0.73f, box.Y + box.Height * 0.71f, new() { Steps = 5 });
        await page.WaitForTimeoutAsync(50);
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator(".regions li", new() { HasText = "Boat" }).Last).ToContainTextAsync("Boat");
        await page.Keyboard.PressAsync("8"); // Town or harbour
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "8 Town or harbour" })).ToBeCheckedAsync();
        await page.WaitForTimeoutAsync(200);
        await TestArtifacts.ScreenshotAsync(page, "editor-demo"); // the README's picture of the editor
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator(".workspace")).Not.ToHaveAttributeAsync("data-task", taskId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator(".image-host[data-drawing]").WaitForAsync();

        var projects = JsonDocument.Parse(await app.Api.GetStringAsync("api/v1/projects")).RootElement;
        var projectId = projects.EnumerateArray().Single(p => p.GetProperty("name").GetString() == DemoCatalog.ImageProjectName).GetProperty("id").GetInt64();
        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, taskId)).EnumerateArray());
        var listed = JsonDocument.Parse(await app.Api.GetStringAsync("api/v1/users")).RootElement;
        var users = listed.ValueKind == JsonValueKind.Object ? listed.GetProperty("items") : listed;
        var demoUser = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == DemoSeeder.DemoEmail).GetProperty("id").GetInt64();
        Assert.Equal(demoUser, annotation.GetProperty("completed_by").GetInt64());
        var results = annotation.GetProperty("result").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("type").GetString() == "rectanglelabels" && r.GetProperty("value").GetProperty("rectanglelabels")[0].GetString() == "Boat");
        Assert.Contains(results, r => r.GetProperty("type").GetString() == "choices" && r.GetProperty("value").GetProperty("choices")[0].GetString() == "Town or harbour");
        Assert.True(b.Errors.Count == 0, string.Join("\n", b.Errors));

        // Signing out stays signed out in this tab (the demo offers itself on the sign-in page instead).
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue as the demo user" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue as the demo user" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue as the demo user" }).ClickAsync();
        await Assertions.Expect(page.Locator(".topbar .demo-badge")).ToBeVisibleAsync();
    }
}
