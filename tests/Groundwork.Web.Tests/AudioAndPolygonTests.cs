using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>Audio regions with a transcript, and polygons: the other editors, checked through the stored results.</summary>
public sealed class AudioAndPolygonTests(BrowserFixture browser)
{
    [Fact]
    public Task Audio_RegionDraggedOnTheWaveform_AndTranscript_AreStored() => BrowserRetry.RunAsync(Audio_RegionDraggedOnTheWaveform_AndTranscript_AreStoredOnceAsync);

    private async Task Audio_RegionDraggedOnTheWaveform_AndTranscript_AreStoredOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Calls", """
            <View>
              <Audio name="audio" value="$audio"/>
              <Labels name="speaker" toName="audio"><Label value="Agent"/><Label value="Caller"/></Labels>
              <TextArea name="transcript" toName="audio"/>
            </View>
            """);
        var tasks = await app.ImportAsync(projectId, new[] { new { data = new { audio = "/test-media/tone.wav" } } });
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/tasks/{tasks[0]}/label");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play / pause" })).ToBeEnabledAsync();

        await page.Keyboard.PressAsync("2"); // Caller
        var wave = (await page.Locator(".waveform").BoundingBoxAsync())!;
        var y = wave.Y + wave.Height / 2;
        await page.Mouse.MoveAsync(wave.X + wave.Width * 0.25f, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(wave.X + wave.Width * 0.5f, y, new() { Steps = 5 });
        await page.Mouse.MoveAsync(wave.X + wave.Width * 0.75f, y, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator(".regions li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".regions li").First).ToContainTextAsync("Caller");

        await page.Locator("textarea[name=transcript]").FillAsync("hello there");
        await page.Keyboard.PressAsync("Control+Enter"); // submits from inside the text box
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();

        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[0])).EnumerateArray());
        var results = annotation.GetProperty("result").EnumerateArray().ToList();
        var region = results.Single(r => r.GetProperty("type").GetString() == "labels").GetProperty("value");
        Assert.InRange(region.GetProperty("start").GetDouble(), 0.35, 0.65);
        Assert.InRange(region.GetProperty("end").GetDouble(), 1.35, 1.65);
        Assert.Equal("Caller", region.GetProperty("labels")[0].GetString());
        var transcript = results.Single(r => r.GetProperty("type").GetString() == "textarea");
        Assert.Equal("hello there", transcript.GetProperty("value").GetProperty("text")[0].GetString());
        Assert.Empty(b.Errors);
    }

    [Fact]
    public Task Polygon_ClickedPointByPoint_IsStoredAsPercentPoints() => BrowserRetry.RunAsync(Polygon_ClickedPointByPoint_IsStoredAsPercentPointsOnceAsync);

    private async Task Polygon_ClickedPointByPoint_IsStoredAsPercentPointsOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Shapes", """
            <View>
              <Image name="image" value="$image"/>
              <PolygonLabels name="shape" toName="image"><Label value="Roof" hotkey="r"/></PolygonLabels>
            </View>
            """);
        var tasks = await app.ImportAsync(projectId, new[] { new { data = new { image = TestImages.PngDataUrl(1200, 900) } } });
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/tasks/{tasks[0]}/label");
        await page.Locator(".image-object svg").WaitForAsync();
        var box = (await page.Locator(".image-object img").BoundingBoxAsync())!;

        await page.Keyboard.PressAsync("r");
        await page.Locator(".image-host[data-drawing=polygon]").WaitForAsync();
        await page.WaitForTimeoutAsync(100);
        (double X, double Y)[] points = [(0.2, 0.2), (0.6, 0.2), (0.4, 0.7)];
        foreach (var (px, py) in points)
        {
            await page.Mouse.ClickAsync((float)(box.X + box.Width * px), (float)(box.Y + box.Height * py));
            await page.WaitForTimeoutAsync(100);
        }

        await page.Mouse.ClickAsync((float)(box.X + box.Width * 0.2), (float)(box.Y + box.Height * 0.2)); // close on the first point
        await Assertions.Expect(page.Locator(".regions li")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();

        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[0])).EnumerateArray());
        var region = Assert.Single(annotation.GetProperty("result").EnumerateArray());
        Assert.Equal("polygonlabels", region.GetProperty("type").GetString());
        var stored = region.GetProperty("value").GetProperty("points").EnumerateArray()
            .Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
        Assert.Equal(3, stored.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(stored[i].X, points[i].X * 100 - 1.5, points[i].X * 100 + 1.5);
            Assert.InRange(stored[i].Y, points[i].Y * 100 - 1.5, points[i].Y * 100 + 1.5);
        }

        Assert.Equal("Roof", region.GetProperty("value").GetProperty("polygonlabels")[0].GetString());
        Assert.Empty(b.Errors);
    }
}
