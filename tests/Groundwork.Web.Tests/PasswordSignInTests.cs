using System.Net.Http.Json;
using System.Text.Json;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>Sign-in with email and password in the browser (a session cookie, and the CSRF token on every write), then labeling.</summary>
public sealed class PasswordSignInTests(BrowserFixture browser)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public Task Password_SignIn_ThenLabelATask_StoresTheAnnotationAsThatUser() => BrowserRetry.RunAsync(PasswordOnceAsync);

    private async Task PasswordOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Sentiment", """
            <View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices></View>
            """);
        var tasks = await app.ImportAsync(projectId, new[] { new { data = new { text = "Great product, would buy again." } } });
        using var created = await app.Api.PostAsJsonAsync("api/v1/users", new { email = "ann@example.com", name = "Ann Annotator", password = Password });
        created.EnsureSuccessStatusCode();
        var userId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var member = await app.Api.PutAsJsonAsync($"api/v1/projects/{projectId}/members/{userId}", new { role = "annotator" });
        member.EnsureSuccessStatusCode();

        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await page.GotoAsync($"/projects/{projectId}/label");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        await TestArtifacts.ScreenshotAsync(page, "sign-in");
        await page.GetByLabel("Email").FillAsync("ann@example.com");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong email or password");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Back where the sign-in page was asked for: the queue, with a leased task.
        await Assertions.Expect(page.Locator(".topbar .who")).ToHaveTextAsync("Ann Annotator");
        await Assertions.Expect(page.Locator(".text-body")).ToHaveTextAsync("Great product, would buy again.");
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "gw_session" && c.HttpOnly);
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('groundwork.token')"));

        await page.Keyboard.PressAsync("1"); // positive
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "1 positive" })).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();

        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[0])).EnumerateArray());
        Assert.Equal(userId, annotation.GetProperty("completed_by").GetInt64());
        var choice = Assert.Single(annotation.GetProperty("result").EnumerateArray());
        Assert.Equal(["positive"], choice.GetProperty("value").GetProperty("choices").EnumerateArray().Select(x => x.GetString()));

        // The session survives a reload (cookie, not tab storage), and signing out ends it.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".topbar .who")).ToHaveTextAsync("Ann Annotator");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        Assert.True(b.Errors.Count == 0, string.Join("\n", b.Errors));
    }
}
