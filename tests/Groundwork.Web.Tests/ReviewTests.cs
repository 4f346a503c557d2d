using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Groundwork.Core.Projects;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>
/// The reviewer's workspace: an annotator submits, the reviewer rejects with a comment (the task goes back to the queue
/// and to a second annotator), accepts, and fixes, all by keyboard in the browser; the stored reviews are checked
/// through the API. Screenshots of the page are written to the folder in GROUNDWORK_SCREENSHOTS (default: a temp folder).
/// </summary>
public sealed class ReviewTests(BrowserFixture browser)
{
    private const string Config = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices>
        </View>
        """;

    [Fact]
    public Task Reviewer_RejectsAcceptsAndFixes_ByKeyboard_AndTheTaskGoesToAnotherAnnotator() =>
        BrowserRetry.RunAsync(Reviewer_RejectsAcceptsAndFixes_ByKeyboard_AndTheTaskGoesToAnotherAnnotatorOnceAsync);

    private async Task Reviewer_RejectsAcceptsAndFixes_ByKeyboard_AndTheTaskGoesToAnotherAnnotatorOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Sentiment review", Config);
        (await app.Api.PatchAsJsonAsync($"api/v1/projects/{projectId}", new { review_policy = "all" })).EnsureSuccessStatusCode();
        var tasks = await app.ImportAsync(projectId, new[] { new { text = "Great product, works well." }, new { text = "Broke in a day." }, new { text = "It is fine." } });
        var (aliceId, alice, aliceToken) = await MemberWithTokenAsync(app, projectId, "alice@example.com", ProjectRole.Annotator);
        var (bobId, bob) = await MemberAsync(app, projectId, "bob@example.com", ProjectRole.Annotator);
        var (reviewerId, _, reviewerToken) = await MemberWithTokenAsync(app, projectId, "rita@example.com", ProjectRole.Reviewer);
        foreach (var expected in tasks)
        {
            Assert.Equal(expected, await SubmitNextAsync(alice, projectId, "positive"));
        }

        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(reviewerToken, $"/projects/{projectId}/review");
        var workspace = page.Locator(".workspace");
        await Assertions.Expect(workspace).ToHaveAttributeAsync("data-task", Text(tasks[0]));
        await Assertions.Expect(page.GetByTestId("review-banner")).ToContainTextAsync("Reviewing annotation");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "positive" })).ToBeCheckedAsync();
        await ScreenshotAsync(page, "review-page");

        // Reject (R): the comment is required.
        await page.Keyboard.PressAsync("r");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Reject this annotation" });
        await Assertions.Expect(dialog.GetByLabel("What is wrong (required)")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("needs a comment");
        await page.Keyboard.TypeAsync("Sarcasm? No: the text is plainly positive, but check the rule on short texts.");
        await ScreenshotAsync(page, "review-reject-dialog");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(workspace).ToHaveAttributeAsync("data-task", Text(tasks[1]));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("rejected");

        // Through the API: the task is queued again, never for alice, and goes to bob.
        Assert.Equal("queued", await StatusAsync(app, projectId, tasks[0]));
        Assert.Equal(HttpStatusCode.NoContent, (await alice.PostAsync($"api/v1/projects/{projectId}/next", null)).StatusCode);
        var rejection = Assert.Single(await ReviewsAsync(app, projectId, "?decision=rejected"));
        Assert.Equal(reviewerId, rejection.GetProperty("reviewer_id").GetInt64());
        Assert.Equal(aliceId, rejection.GetProperty("annotator_id").GetInt64());
        Assert.StartsWith("Sarcasm? No", rejection.GetProperty("comment").GetString(), StringComparison.Ordinal);

        // Accept (A).
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(workspace).ToHaveAttributeAsync("data-task", Text(tasks[2]));

        // Fix (F): edit in place, the digit key picks the other choice, Ctrl+Enter saves the fix.
        await page.Keyboard.PressAsync("f");
        await Assertions.Expect(page.GetByTestId("review-banner")).ToContainTextAsync("Fixing annotation");
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "negative" })).ToBeCheckedAsync();
        await ScreenshotAsync(page, "review-fixing");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("review-empty")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "review-nothing-to-review");

        // Bob takes the rejected task; once he submits, his annotation comes up with alice's rejected one beside it.
        Assert.Equal(tasks[0], await SubmitNextAsync(bob, projectId, "positive"));
        Assert.Equal("completed", await StatusAsync(app, projectId, tasks[0]));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check again" }).ClickAsync();
        await Assertions.Expect(workspace).ToHaveAttributeAsync("data-task", Text(tasks[0]));
        await Assertions.Expect(page.Locator(".other-annotations li")).ToContainTextAsync("rejected");
        await ScreenshotAsync(page, "review-with-context");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("review-empty")).ToBeVisibleAsync();

        var reviews = await ReviewsAsync(app, projectId);
        Assert.Equal(["rejected", "accepted", "fixed", "accepted"], reviews.Select(r => r.GetProperty("decision").GetString()));
        Assert.Equal(bobId, reviews[3].GetProperty("annotator_id").GetInt64());
        var fix = reviews[2];
        Assert.Equal(tasks[2], fix.GetProperty("task").GetInt64());
        Assert.Equal("negative", fix.GetProperty("result")[0].GetProperty("value").GetProperty("choices")[0].GetString());
        var fixedAnnotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[2])).EnumerateArray());
        Assert.Equal("positive", fixedAnnotation.GetProperty("result")[0].GetProperty("value").GetProperty("choices")[0].GetString());
        Assert.Equal("fixed", fixedAnnotation.GetProperty("review_state").GetString());
        Assert.Equal("negative", fixedAnnotation.GetProperty("fixed_result")[0].GetProperty("value").GetProperty("choices")[0].GetString());
        Assert.Empty(b.Errors);

        // The annotator sees the decisions on her own work, comment included, and not bob's.
        await using var a = await browser.NewPageAsync(app);
        await a.SignInWithTokenAsync(aliceToken, $"/projects/{projectId}/reviews");
        var rows = a.Page.GetByTestId("reviews-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.First).ToContainTextAsync("Sarcasm? No");
        await Assertions.Expect(a.Page.GetByTestId("reviews-table")).Not.ToContainTextAsync($"user {bobId}");
        Assert.Empty(a.Errors);
    }

    [Fact]
    public Task Review_WithNoPolicy_SaysNothingToReview_AndTheProjectPageLinksToIt() => BrowserRetry.RunAsync(Review_WithNoPolicyOnceAsync);

    private async Task Review_WithNoPolicyOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("No review", Config);
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Review", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-empty")).ToContainTextAsync("no review queue");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check again" })).ToBeFocusedAsync();
        Assert.Empty(b.Errors);
    }

    private static Task<long> SubmitNextAsync(HttpClient client, long projectId, string choice) =>
        WebApp.SubmitNextChoiceAsync(client, projectId, "sentiment", "text", _ => choice);

    private static async Task<string> StatusAsync(WebApp app, long projectId, long taskId)
    {
        using var task = JsonDocument.Parse(await app.Api.GetStringAsync($"api/v1/projects/{projectId}/tasks/{taskId}"));
        return task.RootElement.GetProperty("status").GetString()!;
    }

    private static async Task<List<JsonElement>> ReviewsAsync(WebApp app, long projectId, string query = "")
    {
        using var page = JsonDocument.Parse(await app.Api.GetStringAsync($"api/v1/projects/{projectId}/reviews{query}"));
        return page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static async Task<(long Id, HttpClient Client)> MemberAsync(WebApp app, long projectId, string email, ProjectRole role)
    {
        var (id, client, _) = await app.AddMemberAsync(projectId, email, role);
        return (id, client);
    }

    private static Task<(long Id, HttpClient Client, string Token)> MemberWithTokenAsync(WebApp app, long projectId, string email, ProjectRole role) =>
        app.AddMemberAsync(projectId, email, role);

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("GROUNDWORK_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "groundwork-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path });
        await Console.Error.WriteLineAsync($"screenshot: {path}");
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
