using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>LLM feedback: pairwise preference by arrow key, a rating, and a ranking, stored as Label Studio results.</summary>
public sealed class LlmFeedbackTests(BrowserFixture browser)
{
    [Fact]
    public Task Pairwise_Rating_AndRanker_AreStored() => BrowserRetry.RunAsync(Pairwise_Rating_AndRanker_AreStoredOnceAsync);

    private async Task Pairwise_Rating_AndRanker_AreStoredOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Preferences", """
            <View>
              <Text name="prompt" value="$prompt"/>
              <Text name="answer1" value="$answer1"/>
              <Text name="answer2" value="$answer2"/>
              <Pairwise name="pref" toName="answer1,answer2"/>
              <Rating name="quality" toName="answer1" maxRating="5"/>
              <List name="items" value="$items"/>
              <Ranker name="rank" toName="items"/>
            </View>
            """);
        var tasks = await app.ImportAsync(projectId, new[]
        {
            new
            {
                data = new
                {
                    prompt = "Name a prime.", answer1 = "Nine.", answer2 = "Seven.",
                    items = new[] { new { id = "a", title = "A", body = "first" }, new { id = "b", title = "B", body = "second" }, new { id = "c", title = "C", body = "third" } },
                },
            },
        });
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/tasks/{tasks[0]}/label");
        await Assertions.Expect(page.GetByText("Seven.")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "answer2" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "4 of 5" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move c up" }).ClickAsync();
        await Assertions.Expect(page.Locator(".ranker li").Nth(1)).ToContainTextAsync("third");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();

        var annotation = Assert.Single((await app.AnnotationsAsync(projectId, tasks[0])).EnumerateArray());
        var results = annotation.GetProperty("result").EnumerateArray().ToDictionary(r => r.GetProperty("from_name").GetString()!);
        Assert.Equal("right", results["pref"].GetProperty("value").GetProperty("selected").GetString());
        Assert.Equal(4, results["quality"].GetProperty("value").GetProperty("rating").GetInt32());
        Assert.Equal(["a", "c", "b"], results["rank"].GetProperty("value").GetProperty("ranker").GetProperty("items").EnumerateArray().Select(x => x.GetString()));
        Assert.Empty(b.Errors);
    }
}
