using System.Text.Json;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>The annotator's workspace in Chromium: drawing, marking, keys, and what the API stores afterwards.</summary>
public sealed class LabelingTests(BrowserFixture browser)
{
    private const string ImageConfig = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Car"/><Label value="Person"/></RectangleLabels>
          <Choices name="quality" toName="image"><Choice value="Clear"/><Choice value="Blurry"/></Choices>
        </View>
        """;

    private const string NerConfig = """
        <View>
          <Labels name="ner" toName="text"><Label value="PER"/><Label value="LOC"/></Labels>
          <Text name="text" value="$text"/>
        </View>
        """;

    [Fact]
    public Task Image_RectangleAndChoice_ByMouseAndKeys_StoresPercentOfNaturalSize() => BrowserRetry.RunAsync(Image_RectangleAndChoice_ByMouseAndKeys_StoresPercentOfNaturalSizeOnceAsync);

    private async Task Image_RectangleAndChoice_ByMouseAndKeys_StoresPercentOfNaturalSizeOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Boxes", ImageConfig, instructions: "Box every person.");
        var tasks = await app.ImportAsync(projectId, new[] { new { data = new { image = TestImages.PngDataUrl(1600, 1000) } } });
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/tasks/{tasks[0]}/label");

        var image = page.Locator(".image-object img");
        await Assertions.Expect(image).ToBeVisibleAsync();
        await page.Locator(".image-object svg").WaitForAsync(); // Annotorious is on the image
        await Assertions.Expect(page.GetByText("Box every person.")).ToBeVisibleAsync();
        var box = (await image.BoundingBoxAsync())!;
        Assert.True(box.Width < 1600, $"the image should be shown scaled down, but is {box.Width}px wide");

        await page.Keyboard.PressAsync("2"); // Person
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "2 Person" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator(".image-host[data-drawing=rectangle]").WaitForAsync();
        await DragAsync(page, box.X + box.Width * 0.20, box.Y + box.Height * 0.25, box.X + box.Width * 0.60, box.Y + box.Height * 0.75);
        var regions = page.Locator(".regions li");
        await Assertions.Expect(regions).ToHaveCountAsync(1);
        await Assertions.Expect(regions.First).ToContainTextAsync("Person");

        // Undo takes the box away, redo brings it back.
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(regions).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Control+Shift+z");
        await Assertions.Expect(regions).ToHaveCountAsync(1);

        await page.Keyboard.PressAsync("3"); // Clear
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "3 Clear" })).ToBeCheckedAsync();
        await page.WaitForTimeoutAsync(300);
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();

        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[0])).EnumerateArray());
        Assert.True(annotation.GetProperty("lead_time").GetDouble() > 0);
        var results = annotation.GetProperty("result").EnumerateArray().ToList();
        Assert.True(results.Count == 2, "expected a box and a choice, got " + annotation.GetProperty("result").GetRawText());
        var rect = results.Single(r => r.GetProperty("type").GetString() == "rectanglelabels");
        Assert.Equal("label", rect.GetProperty("from_name").GetString());
        Assert.Equal("image", rect.GetProperty("to_name").GetString());
        Assert.Equal(1600, rect.GetProperty("original_width").GetInt32());
        Assert.Equal(1000, rect.GetProperty("original_height").GetInt32());
        Assert.False(string.IsNullOrEmpty(rect.GetProperty("id").GetString()));
        var v = rect.GetProperty("value");
        Assert.Equal(["Person"], v.GetProperty("rectanglelabels").EnumerateArray().Select(x => x.GetString()));
        AssertNear(20, v.GetProperty("x").GetDouble());
        AssertNear(25, v.GetProperty("y").GetDouble());
        AssertNear(40, v.GetProperty("width").GetDouble());
        AssertNear(50, v.GetProperty("height").GetDouble());
        var choice = results.Single(r => r.GetProperty("type").GetString() == "choices");
        Assert.Equal("quality", choice.GetProperty("from_name").GetString());
        Assert.Equal(["Clear"], choice.GetProperty("value").GetProperty("choices").EnumerateArray().Select(x => x.GetString()));
        Assert.Empty(b.Errors);
    }

    [Fact]
    public Task Image_ZoomedIn_StillStoresPercentOfNaturalSize() => BrowserRetry.RunAsync(Image_ZoomedIn_StillStoresPercentOfNaturalSizeOnceAsync);

    private async Task Image_ZoomedIn_StillStoresPercentOfNaturalSizeOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Zoom", ImageConfig);
        var tasks = await app.ImportAsync(projectId, new[] { new { data = new { image = TestImages.PngDataUrl(1600, 1000) } } });
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/tasks/{tasks[0]}/label");
        var image = page.Locator(".image-object img");
        await page.Locator(".image-object svg").WaitForAsync();
        var fit = (await image.BoundingBoxAsync())!;

        await page.Keyboard.PressAsync("+");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Fit" })).ToHaveTextAsync("150%");
        await page.WaitForTimeoutAsync(200);
        var box = (await image.BoundingBoxAsync())!;
        Assert.InRange(box.Width, fit.Width * 1.45, fit.Width * 1.55);

        await page.Keyboard.PressAsync("1"); // Car
        await page.Locator(".image-host[data-drawing=rectangle]").WaitForAsync();
        await DragAsync(page, box.X + box.Width * 0.10, box.Y + box.Height * 0.10, box.X + box.Width * 0.40, box.Y + box.Height * 0.50);
        await Assertions.Expect(page.Locator(".regions li")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();

        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[0])).EnumerateArray());
        var v = Assert.Single(annotation.GetProperty("result").EnumerateArray()).GetProperty("value");
        AssertNear(10, v.GetProperty("x").GetDouble());
        AssertNear(10, v.GetProperty("y").GetDouble());
        AssertNear(30, v.GetProperty("width").GetDouble());
        AssertNear(40, v.GetProperty("height").GetDouble());
        Assert.True(b.Errors.Count == 0, string.Join("\n", b.Errors));
    }

    [Fact]
    public Task Text_SpanMarkedWithTheMouse_StoresItsOffsetsAndLabel() => BrowserRetry.RunAsync(Text_SpanMarkedWithTheMouse_StoresItsOffsetsAndLabelOnceAsync);

    private async Task Text_SpanMarkedWithTheMouse_StoresItsOffsetsAndLabelOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("People", NerConfig);
        const string text = "Ada Lovelace wrote notes on the engine of Charles Babbage in London.";
        var tasks = await app.ImportAsync(projectId, new[] { new { data = new { text } }, new { data = new { text = "second task" } } });
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/tasks/{tasks[0]}/label");
        await Assertions.Expect(page.Locator(".text-body")).ToHaveTextAsync(text);

        await page.Locator(".text-body[data-annotator=ready]").WaitForAsync();
        await page.Keyboard.PressAsync("1"); // PER
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "1 PER" })).ToHaveAttributeAsync("aria-pressed", "true");
        var start = text.IndexOf("Charles Babbage", StringComparison.Ordinal);
        var end = start + "Charles Babbage".Length;
        await SelectTextAsync(page, start, end);
        var regions = page.Locator(".regions li");
        await Assertions.Expect(regions).ToHaveCountAsync(1);
        await Assertions.Expect(regions.First).ToContainTextAsync("PER");
        await page.WaitForTimeoutAsync(200);
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator(".text-body")).ToHaveTextAsync("second task"); // took the next task

        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[0])).EnumerateArray());
        var span = Assert.Single(annotation.GetProperty("result").EnumerateArray());
        Assert.Equal("labels", span.GetProperty("type").GetString());
        Assert.Equal("ner", span.GetProperty("from_name").GetString());
        Assert.Equal("text", span.GetProperty("to_name").GetString());
        var v = span.GetProperty("value");
        Assert.Equal(start, v.GetProperty("start").GetInt32());
        Assert.Equal(end, v.GetProperty("end").GetInt32());
        Assert.Equal("Charles Babbage", v.GetProperty("text").GetString());
        Assert.Equal(["PER"], v.GetProperty("labels").EnumerateArray().Select(x => x.GetString()));
        Assert.True(annotation.GetProperty("lead_time").GetDouble() > 0);
        Assert.Empty(b.Errors);
    }

    [Fact]
    public Task TaskData_WithMarkup_IsShownAsText_AndHyperTextRunsNoScript() => BrowserRetry.RunAsync(TaskData_WithMarkup_IsShownAsText_AndHyperTextRunsNoScriptOnceAsync);

    private async Task TaskData_WithMarkup_IsShownAsText_AndHyperTextRunsNoScriptOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        const string hostile = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"><b>bold?</b>";
        var projectId = await app.CreateProjectAsync("Hostile", """
            <View>
              <Text name="text" value="$text"/>
              <HyperText name="page" value="$html"/>
              <Choices name="ok" toName="text"><Choice value="fine"/></Choices>
            </View>
            """);
        var html = "<p>hello</p><img src=x onerror=\"parent.__pwned = 3\"><script>parent.__pwned = 4</script>";
        var tasks = await app.ImportAsync(projectId, new[] { new { data = new { text = hostile, html } } });
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/tasks/{tasks[0]}/label");

        await Assertions.Expect(page.Locator(".text-body")).ToHaveTextAsync(hostile);
        Assert.Equal(0, await page.Locator(".text-body img, .text-body script, .text-body b").CountAsync());
        var frame = page.Locator("iframe.hypertext-object");
        Assert.Equal("", await frame.GetAttributeAsync("sandbox"));
        await Assertions.Expect(page.FrameLocator("iframe.hypertext-object").GetByText("hello")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);
        Assert.Null(await page.EvaluateAsync<int?>("window.__pwned ?? null"));
    }

    private static void AssertNear(double expected, double actual, double tolerance = 1.5) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected} ± {tolerance}, got {actual}");

    private static async Task DragAsync(IPage page, double x1, double y1, double x2, double y2)
    {
        await page.Mouse.MoveAsync((float)x1, (float)y1);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)((x1 + x2) / 2), (float)((y1 + y2) / 2), new() { Steps = 5 });
        await page.Mouse.MoveAsync((float)x2, (float)y2, new() { Steps = 5 });
        await page.WaitForTimeoutAsync(50); // let the selection and the drawing catch up, as a hand would
        await page.Mouse.UpAsync();
    }

    /// <summary>Selects characters [start, end) of the task text by dragging the mouse across them.</summary>
    private static async Task SelectTextAsync(IPage page, int start, int end)
    {
        var rects = await page.EvaluateAsync<double[]>("""
            ([start, end]) => {
              const node = document.querySelector('.text-body').firstChild;
              const rect = (a, b) => { const r = document.createRange(); r.setStart(node, a); r.setEnd(node, b); return r.getBoundingClientRect(); };
              const first = rect(start, start + 1), last = rect(end - 1, end);
              return [first.left, first.top + first.height / 2, last.right, last.top + last.height / 2];
            }
            """, new[] { start, end });
        await DragAsync(page, rects[0] + 1, rects[1], rects[2] - 1, rects[3]);
    }
}
