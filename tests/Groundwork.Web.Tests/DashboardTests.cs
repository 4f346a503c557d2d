using System.Net.Http.Json;
using Groundwork.Consensus;
using Groundwork.Core.Projects;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>
/// The manager's dashboard and task detail: three annotators label four tasks, the consensus is computed, and the
/// dashboard draws its four charts (checked by the series' colours on the canvases), lists the annotators with their
/// agreement, and the task page shows every annotation and the consensus.
/// </summary>
public sealed class DashboardTests(BrowserFixture browser)
{
    private const string Config = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices>
        </View>
        """;

    // The charts' series colours (web/src/pages/Dashboard.tsx).
    private const string Annotations = "#3b5bdb";
    private const string Labels = "#6741d9";

    [Fact]
    public Task Dashboard_DrawsItsCharts_ListsTheAnnotators_AndTheTaskPageShowsAnnotationsAndConsensus() =>
        BrowserRetry.RunAsync(Dashboard_DrawsItsCharts_ListsTheAnnotators_AndTheTaskPageShowsAnnotationsAndConsensusOnceAsync);

    private async Task Dashboard_DrawsItsCharts_ListsTheAnnotators_AndTheTaskPageShowsAnnotationsAndConsensusOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Sentiment dashboard", Config);
        (await app.Api.PatchAsJsonAsync($"api/v1/projects/{projectId}", new { overlap = 3, consensus_method = "mv" })).EnsureSuccessStatusCode();
        var tasks = await app.ImportAsync(projectId, new[] { new { text = "Lovely." }, new { text = "Fine, I suppose." }, new { text = "Awful." }, new { text = "Good value." } });
        string[][] answers =
        [
            ["positive", "positive", "negative", "positive"], // alice: always with the majority
            ["positive", "positive", "negative", "positive"], // bob: the same
            ["positive", "negative", "negative", "negative"], // carol: half the time
        ];
        string[] emails = ["alice@example.com", "bob@example.com", "carol@example.com"];
        for (var i = 0; i < emails.Length; i++)
        {
            var (_, client, _) = await app.AddMemberAsync(projectId, emails[i], ProjectRole.Annotator);
            foreach (var _ in tasks)
            {
                await WebApp.SubmitNextChoiceAsync(client, projectId, "sentiment", "text", id => answers[i][Array.IndexOf(tasks, id)], leadTime: 2.5);
            }
        }

        await app.Services.GetRequiredService<ConsensusWorker>().RunOnceAsync(CancellationToken.None);

        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-summary")).ToContainTextAsync("4 of 4 tasks completed");
        foreach (var chart in new[] { "progress", "throughput", "quality", "labels" })
        {
            await Assertions.Expect(page.Locator($"[data-chart={chart}] canvas")).ToHaveCountAsync(1);
        }

        // What the charts drew: 12 annotations today, three bars of four, agreement bars, two label bars (3 and 1).
        Assert.True(await PixelsAsync(page, "progress", Annotations) > 20, "the progress chart draws the annotations series");
        Assert.True(await PixelsAsync(page, "throughput", Annotations) > 400, "the throughput chart draws its bars");
        Assert.True(await PixelsAsync(page, "quality", Annotations) > 400, "the quality chart draws the agreement bars");
        Assert.True(await PixelsAsync(page, "labels", Labels) > 400, "the label chart draws its bars");

        var labels = page.Locator("[data-chart=labels] .chart-data");
        await labels.Locator("summary").ClickAsync();
        await Assertions.Expect(labels.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(labels.Locator("tbody tr").First).ToContainTextAsync("positive3");
        await Assertions.Expect(labels.Locator("tbody tr").Nth(1)).ToContainTextAsync("negative1");

        var rows = page.GetByTestId("dashboard-annotators").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        var carol = rows.Filter(new() { HasText = "carol@example.com" });
        await Assertions.Expect(carol.Locator("td").Nth(1)).ToHaveTextAsync("4");
        await Assertions.Expect(carol.Locator("td").Nth(5)).ToHaveTextAsync("50%");
        await Assertions.Expect(rows.Filter(new() { HasText = "alice@example.com" }).Locator("td").Nth(5)).ToHaveTextAsync("100%");
        await TestArtifacts.ScreenshotAsync(page, "dashboard");

        // The task page: the second task, where carol disagreed.
        await page.GotoAsync($"/projects/{projectId}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"task {tasks[1]}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Task {tasks[1]}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("task-data")).ToContainTextAsync("Fine, I suppose.");
        await Assertions.Expect(page.GetByTestId("consensus-label")).ToHaveTextAsync("positive");
        await Assertions.Expect(page.GetByTestId("task-consensus")).ToContainTextAsync("67% confidence");
        var cards = page.GetByTestId("annotation");
        await Assertions.Expect(cards).ToHaveCountAsync(3);
        await Assertions.Expect(cards.Filter(new() { HasText = "carol@example.com" })).ToContainTextAsync("sentiment: negative");
        await Assertions.Expect(cards.Filter(new() { HasText = "alice@example.com" })).ToContainTextAsync("sentiment: positive");
        await TestArtifacts.ScreenshotAsync(page, "task-detail");
        Assert.True(b.Errors.Count == 0, string.Join("\n", b.Errors));
    }

    /// <summary>How many of the chart's canvas pixels have the colour (within a small tolerance for antialiasing).</summary>
    private static async Task<int> PixelsAsync(IPage page, string chart, string colour) =>
        await page.EvaluateAsync<int>(
            """
            ([chart, hex]) => {
              const canvas = document.querySelector(`[data-chart=${chart}] canvas`);
              const ctx = canvas.getContext('2d');
              const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
              const want = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
              let n = 0;
              for (let p = 0; p < data.length; p += 4) {
                if (data[p + 3] > 200 && Math.abs(data[p] - want[0]) < 12 && Math.abs(data[p + 1] - want[1]) < 12 && Math.abs(data[p + 2] - want[2]) < 12) n++;
              }
              return n;
            }
            """,
            new[] { chart, colour });
}
