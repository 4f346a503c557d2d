using System.Text.Json;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>Key points on an image (the editor's own point layer over Annotorious): place, move, delete, undo, zoom.</summary>
public sealed class KeyPointTests(BrowserFixture browser)
{
    private const int NaturalWidth = 1200;
    private const int NaturalHeight = 900;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <KeyPointLabels name="kp" toName="image" strokeWidth="2"><Label value="Nose"/><Label value="Eye"/></KeyPointLabels>
        </View>
        """;

    [Fact]
    public Task KeyPoints_PlacedMovedDeletedAndZoomed_AreStoredInPercentOfTheNaturalSize() => BrowserRetry.RunAsync(KeyPointsOnceAsync);

    private async Task KeyPointsOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Faces", Config);
        var tasks = await app.ImportAsync(projectId, new[] { new { data = new { image = TestImages.PngDataUrl(NaturalWidth, NaturalHeight) } } });
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/tasks/{tasks[0]}/label");
        var image = page.Locator(".image-object img");
        await page.Locator(".image-object .point-layer svg").WaitForAsync();
        var box = (await image.BoundingBoxAsync())!;
        Assert.True(box.Width < NaturalWidth * 0.9, $"the image should be shown scaled down, but is {box.Width}px wide");
        var points = page.Locator(".point-layer .point");
        var regions = page.Locator(".regions li");

        // 1 picks Nose: a click places it where the mouse is.
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "1 Nose" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator(".point-layer.placing").WaitForAsync();
        var nose = await ClickAsync(page, box, 0.25, 0.40);
        await Assertions.Expect(points).ToHaveCountAsync(1);
        await Assertions.Expect(regions.First).ToContainTextAsync("Nose");

        // A third point, deleted with the Delete key, back with undo, gone again with redo... and then for good.
        await ClickAsync(page, box, 0.5, 0.5);
        await Assertions.Expect(points).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(points).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(points).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Control+Shift+z");
        await Assertions.Expect(points).ToHaveCountAsync(1);

        // Drag the nose point somewhere else: one move, and the drop point is what is stored.
        var from = (nose.ScreenX, nose.ScreenY);
        var to = (X: Math.Round(box.X + box.Width * 0.30), Y: Math.Round(box.Y + box.Height * 0.45));
        await page.Mouse.MoveAsync((float)from.ScreenX, (float)from.ScreenY);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)to.X, (float)to.Y, new() { Steps = 6 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator(".point-layer .point.selected")).ToHaveCountAsync(1);
        var moved = Expected(box, to.X, to.Y);

        // Zoomed in, a click still lands where it should in natural pixels.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("+");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Fit" })).ToHaveTextAsync("150%");
        await page.WaitForTimeoutAsync(200);
        var zoomed = (await image.BoundingBoxAsync())!;
        Assert.InRange(zoomed.Width, box.Width * 1.45, box.Width * 1.55);
        await page.Keyboard.PressAsync("2"); // Eye
        await page.Locator(".point-layer.placing").WaitForAsync();
        var eye = await ClickAsync(page, zoomed, 0.40, 0.30);
        await Assertions.Expect(points).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".regions li", new() { HasText = "Eye" })).ToHaveCountAsync(1);

        // The keyboard moves the selected point: Shift+→ is ten screen pixels, whatever the zoom.
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        eye = eye with { NaturalX = eye.NaturalX + 10 / zoomed.Width * NaturalWidth };
        await page.WaitForTimeoutAsync(100);

        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();

        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[0])).EnumerateArray());
        var results = annotation.GetProperty("result").EnumerateArray().ToList();
        Assert.True(results.Count == 2, "expected two key points, got " + annotation.GetProperty("result").GetRawText());
        AssertPoint(results, "Nose", moved);
        AssertPoint(results, "Eye", eye);
        Assert.True(b.Errors.Count == 0, string.Join("\n", b.Errors));
    }

    /// <summary>A click at a whole screen pixel, and where that is in the image's natural pixels.</summary>
    private static async Task<Spot> ClickAsync(IPage page, LocatorBoundingBoxResult box, double fx, double fy)
    {
        var x = Math.Round(box.X + box.Width * fx);
        var y = Math.Round(box.Y + box.Height * fy);
        await page.Mouse.ClickAsync((float)x, (float)y);
        return Expected(box, x, y);
    }

    private static Spot Expected(LocatorBoundingBoxResult box, double x, double y) =>
        new(x, y, (x - box.X) / box.Width * NaturalWidth, (y - box.Y) / box.Height * NaturalHeight);

    private static void AssertPoint(List<JsonElement> results, string label, Spot expected)
    {
        var r = results.Single(r => r.GetProperty("value").GetProperty("keypointlabels")[0].GetString() == label);
        Assert.Equal("keypointlabels", r.GetProperty("type").GetString());
        Assert.Equal("kp", r.GetProperty("from_name").GetString());
        Assert.Equal("image", r.GetProperty("to_name").GetString());
        Assert.Equal(NaturalWidth, r.GetProperty("original_width").GetInt32());
        Assert.Equal(NaturalHeight, r.GetProperty("original_height").GetInt32());
        var v = r.GetProperty("value");
        Assert.Equal(2, v.GetProperty("width").GetDouble());
        var x = v.GetProperty("x").GetDouble() / 100 * NaturalWidth;
        var y = v.GetProperty("y").GetDouble() / 100 * NaturalHeight;
        Assert.True(Math.Abs(x - expected.NaturalX) <= 1 && Math.Abs(y - expected.NaturalY) <= 1,
            $"{label}: expected ({expected.NaturalX:F2}, {expected.NaturalY:F2}) px ± 1, stored ({x:F2}, {y:F2}) px");
    }

    private readonly record struct Spot(double ScreenX, double ScreenY, double NaturalX, double NaturalY);
}
