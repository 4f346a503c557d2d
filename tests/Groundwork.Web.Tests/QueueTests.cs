using System.Net.Http.Json;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>The queue workflow: lease, heartbeat, pre-labels from predictions, submit and next, skip with a reason.</summary>
public sealed class QueueTests(BrowserFixture browser)
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Car"/><Label value="Person"/></RectangleLabels>
        </View>
        """;

    [Fact]
    public Task Queue_ShowsPreLabels_KeepsTheLeaseAlive_SubmitsAndSkips() => BrowserRetry.RunAsync(Queue_ShowsPreLabels_KeepsTheLeaseAlive_SubmitsAndSkipsOnceAsync);

    private async Task Queue_ShowsPreLabels_KeepsTheLeaseAlive_SubmitsAndSkipsOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Queue", Config);
        (await app.Api.PatchAsJsonAsync($"api/v1/projects/{projectId}", new { lease_seconds = 12 })).EnsureSuccessStatusCode();
        var image = TestImages.PngDataUrl(800, 600);
        var prediction = new
        {
            model_version = "detector-7",
            score = 0.87,
            result = new[]
            {
                new { id = "p1", from_name = "label", to_name = "image", type = "rectanglelabels", original_width = 800, original_height = 600,
                    value = new { x = 10.0, y = 20.0, width = 30.0, height = 40.0, rotation = 0.0, rectanglelabels = new[] { "Car" } } },
            },
        };
        var tasks = await app.ImportAsync(projectId, new object[]
        {
            new { data = new { image }, predictions = new[] { prediction } },
            new { data = new { image } },
        });
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        var heartbeat = page.WaitForRequestAsync("**/leases/*/heartbeat", new() { Timeout = 20_000 });
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/label");

        await Assertions.Expect(page.Locator(".workspace")).ToHaveAttributeAsync("data-task", tasks[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator(".prelabel-banner")).ToContainTextAsync("detector-7");
        var regions = page.Locator(".regions li");
        await Assertions.Expect(regions).ToHaveCountAsync(1);
        await Assertions.Expect(regions.First).ToContainTextAsync("pre-label");
        await Assertions.Expect(page.Locator(".lease")).ToBeVisibleAsync();
        var beat = await heartbeat;
        Assert.Equal("POST", beat.Method);
        Assert.Equal(200, (await beat.ResponseAsync())!.Status);

        await page.Keyboard.PressAsync("Control+Enter"); // accept the pre-label as it is
        await Assertions.Expect(page.Locator(".workspace")).ToHaveAttributeAsync("data-task", tasks[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator(".regions li")).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("Alt+s");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Skip this task" });
        await dialog.GetByLabel("Outside my expertise").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Skip task" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();

        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[0])).EnumerateArray());
        var region = Assert.Single(annotation.GetProperty("result").EnumerateArray());
        Assert.Equal("p1", region.GetProperty("id").GetString());
        Assert.Equal(10.0, region.GetProperty("value").GetProperty("x").GetDouble(), 6);
        Assert.Equal("Car", region.GetProperty("value").GetProperty("rectanglelabels")[0].GetString());
        Assert.Empty((await app.AnnotationsAsync(projectId, tasks[1])).EnumerateArray());
        Assert.Empty(b.Errors);
    }
}
