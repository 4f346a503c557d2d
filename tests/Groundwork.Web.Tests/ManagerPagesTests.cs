using System.Text.Json;
using System.Text.RegularExpressions;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>Sign-in, projects and the project page, driven in Chromium.</summary>
public sealed class ManagerPagesTests(BrowserFixture browser)
{
    private const string ImageConfig = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Car"/><Label value="Person"/></RectangleLabels>
        </View>
        """;

    [Fact]
    public Task SignIn_WithAWrongToken_SaysSo_AndWithTheRightOne_ShowsProjects() => BrowserRetry.RunAsync(SignIn_WithAWrongToken_SaysSo_AndWithTheRightOne_ShowsProjectsOnceAsync);

    private async Task SignIn_WithAWrongToken_SaysSo_AndWithTheRightOne_ShowsProjectsOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        await app.CreateProjectAsync("Street scenes", ImageConfig);
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?next=%2F$"));
        await page.GetByRole(AriaRole.Tab, new() { Name = "API token" }).ClickAsync();
        await page.GetByLabel("API token").FillAsync("gw_not-a-real-token-000000000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");

        await page.GetByLabel("API token").FillAsync(WebApp.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Street scenes" })).ToBeVisibleAsync();
        Assert.Equal(WebApp.AdminToken, await page.EvaluateAsync<string>("sessionStorage.getItem('groundwork.token')"));

        // A reload keeps the tab signed in; signing out forgets the token.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Street scenes" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('groundwork.token')"));
    }

    [Fact]
    public Task NewProject_ShowsConfigErrorsAsYouType_ThenCreatesTheValidOne() => BrowserRetry.RunAsync(NewProject_ShowsConfigErrorsAsYouType_ThenCreatesTheValidOneOnceAsync);

    private async Task NewProject_ShowsConfigErrorsAsYouType_ThenCreatesTheValidOneOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, "/projects/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New project" })).ToBeVisibleAsync();

        await page.GetByLabel("Name").FillAsync("Boxes");
        var config = page.GetByLabel("Labeling configuration");
        await config.FillAsync("""<View><Image name="image" value="$image"/><RectangleLabel name="label" toName="image"><Label value="Car"/></RectangleLabel></View>""");
        var errors = page.GetByTestId("config-errors");
        await Assertions.Expect(errors).ToContainTextAsync("RectangleLabel");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create project" })).ToBeDisabledAsync();

        await config.FillAsync(ImageConfig);
        var preview = page.GetByTestId("config-preview");
        await Assertions.Expect(preview).ToContainTextAsync("Valid configuration");
        await Assertions.Expect(preview).ToContainTextAsync("$image");
        await Assertions.Expect(preview).ToContainTextAsync("Person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Boxes" })).ToBeVisibleAsync();

        // The settings take the same live check, and save through PATCH.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Settings" }).ClickAsync();
        var settings = page.GetByRole(AriaRole.Form, new() { Name = "Project settings" });
        await settings.GetByLabel("Instructions for annotators").FillAsync("Draw tight boxes.");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(settings.GetByText("Saved.")).ToBeVisibleAsync();

        using var projects = JsonDocument.Parse(await app.Api.GetStringAsync("api/v1/projects"));
        var created = Assert.Single(projects.RootElement.EnumerateArray());
        Assert.Equal("Boxes", created.GetProperty("name").GetString());
        Assert.Contains("RectangleLabels", created.GetProperty("label_config").GetString(), StringComparison.Ordinal);
        Assert.Equal("Draw tight boxes.", created.GetProperty("instructions").GetString());
        Assert.DoesNotContain(b.Errors, e => !e.Contains("400", StringComparison.Ordinal));
    }

    [Fact]
    public Task Import_ByFileUpload_ShowsProgress_ThenTheTasks_PagedAndFiltered() => BrowserRetry.RunAsync(Import_ByFileUpload_ShowsProgress_ThenTheTasks_PagedAndFilteredOnceAsync);

    private async Task Import_ByFileUpload_ShowsProgress_ThenTheTasks_PagedAndFilteredOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Sentiment",
            """<View><Text name="text" value="$text"/><Choices name="s" toName="text"><Choice value="pos"/><Choice value="neg"/></Choices></View>""");
        var file = Path.Combine(Path.GetTempPath(), $"gw-upload-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 75).Select(i => "{\"unique_id\":\"r" + i + "\",\"data\":{\"text\":\"review number " + i + "\"}}"));
        try
        {
            await using var b = await browser.NewPageAsync(app);
            var page = b.Page;
            await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}");
            await Assertions.Expect(page.GetByText("No tasks")).ToBeVisibleAsync();

            await page.Locator("input[type=file]").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("Imported 75 tasks");
            await Assertions.Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "upload" })).ToHaveAttributeAsync("aria-valuenow", "100");
            await Assertions.Expect(page.GetByTestId("progress")).ToContainTextAsync("0 of 75 tasks completed");

            var rows = page.GetByTestId("tasks-table").Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(50);
            await Assertions.Expect(rows.First).ToContainTextAsync("review number 1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(25);
            await Assertions.Expect(rows.Last).ToContainTextAsync("review number 75");
            await page.GetByRole(AriaRole.Button, new() { Name = "← Previous" }).ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(50);

            await page.GetByLabel("Status").SelectOptionAsync("completed");
            await Assertions.Expect(page.GetByText("No tasks with status completed")).ToBeVisibleAsync();
            await page.GetByLabel("Status").SelectOptionAsync("queued");
            await Assertions.Expect(rows).ToHaveCountAsync(50);

            // The other filters: a unique id (exact, applied as you stop typing), and whether a task has annotations.
            await page.GetByLabel("Status").SelectOptionAsync("");
            await page.GetByLabel("Unique id").FillAsync("r7");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync("review number 7");
            await page.GetByLabel("Annotated").SelectOptionAsync("true");
            await Assertions.Expect(page.GetByText("No tasks with annotations, with unique id r7.")).ToBeVisibleAsync();
            await page.GetByLabel("Annotated").SelectOptionAsync("false");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await page.GetByLabel("Unique id").FillAsync("");
            await Assertions.Expect(rows).ToHaveCountAsync(50);
            Assert.Empty(b.Errors);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
