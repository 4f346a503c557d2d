using System.Net;
using Groundwork.Consensus;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Groundwork.Tests.Queue.QueueTestKit;

namespace Groundwork.Tests.Api;

public sealed class StatsTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Stats_CountActivityPerUtcDay_ThroughputPerAnnotator_AndConsensusLabels(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var projectId = await CreateProjectAsync(app, overlap: 2, settings: "\"consensus_method\":\"mv\"");
        await ImportAsync(app, projectId, 3);
        var (alice, aliceClient) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (bob, bobClient) = await AnnotatorAsync(app, projectId, "bob@example.com");

        // 1 December, late evening UTC: alice labels tasks 0 and 1, bob task 0 (task 0 complete).
        await LabelNextAsync(aliceClient, projectId, "a");
        await LabelNextAsync(aliceClient, projectId, "b");
        await LabelNextAsync(bobClient, projectId, "a");

        // 2 December, just after midnight UTC: bob completes task 1.
        clock.Advance(TimeSpan.FromMinutes(45));
        await LabelNextAsync(bobClient, projectId, "b");
        await app.Services.GetRequiredService<ConsensusWorker>().RunOnceAsync(CancellationToken.None);

        var stats = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/stats?days=3");
        Assert.Equal("2026-11-30", stats["since"]!.GetValue<string>());
        Assert.Equal("2026-12-02", stats["until"]!.GetValue<string>());
        var days = stats["days"]!.AsArray();
        Assert.Equal(["2026-11-30", "2026-12-01", "2026-12-02"], days.Select(d => d!["day"]!.GetValue<string>()));
        Assert.Equal([0L, 3, 1], days.Select(d => d!["annotations"]!.GetValue<long>()));
        Assert.Equal([0L, 1, 1], days.Select(d => d!["completed"]!.GetValue<long>()));
        Assert.Equal([0L, 2, 1], days.Select(d => d!["annotators"]!.GetValue<long>()));

        var annotators = stats["annotators"]!.AsArray();
        Assert.Equal([alice, bob], annotators.Select(a => a!["user_id"]!.GetValue<long>()));
        Assert.Equal([2L, 2], annotators.Select(a => a!["annotations"]!.GetValue<long>()));
        Assert.Equal([1, 2], annotators.Select(a => a!["active_days"]!.GetValue<int>()));
        Assert.Equal(3.0, annotators[0]!["mean_lead_time_seconds"]!.GetValue<double>(), 6);

        // Two tasks have a consensus (task 2 has no annotation): one "a", one "b"; ties in count go by label.
        Assert.Equal(2, stats["consensus_tasks"]!.GetValue<long>());
        var labels = stats["labels"]!.AsArray();
        Assert.Equal(["a", "b"], labels.Select(l => l!["label"]!.GetValue<string>()));
        Assert.Equal([1L, 1], labels.Select(l => l!["tasks"]!.GetValue<long>()));

        // The window defaults to 30 days; a window outside 1..366 is refused with a problem.
        Assert.Equal(30, (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/stats"))["days"]!.AsArray().Count);
        await (await app.Client.GetAsync($"/api/v1/projects/{projectId}/stats?days=0")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Client.GetAsync($"/api/v1/projects/{projectId}/stats?days=367")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await aliceClient.GetAsync($"/api/v1/projects/{projectId}/stats")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task LabelNextAsync(HttpClient client, long projectId, string label)
    {
        var leased = (await client.NextAsync(projectId))!;
        await (await SubmitAsync(client, projectId, leased, Choice(label))).ExpectAsync(HttpStatusCode.Created);
    }
}
