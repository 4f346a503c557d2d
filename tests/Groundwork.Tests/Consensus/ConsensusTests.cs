using System.Net;
using System.Text.Json.Nodes;
using Groundwork.Consensus;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Groundwork.Tests.Queue.QueueTestKit;

namespace Groundwork.Tests.Consensus;

public sealed class ConsensusTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Consensus_IsComputedInTheBackground_ReturnedByTheApi_AndUsedInExports(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 3, settings: "\"consensus_method\":\"mv\"");
        var ids = await ImportAsync(app, projectId, 2);
        var answers = new[] { new[] { "a", "b" }, ["a", "b"], ["b", "b"] };
        var users = new List<long>();
        for (var i = 0; i < answers.Length; i++)
        {
            var (userId, client) = await AnnotatorAsync(app, projectId, $"a{i}@example.com");
            users.Add(userId);
            foreach (var _ in ids)
            {
                var leased = (await client.NextAsync(projectId))!;
                var answer = answers[i][ids.IndexOf(TaskId(leased))];
                await (await SubmitAsync(client, projectId, leased, Choice(answer))).ExpectAsync(HttpStatusCode.Created);
            }
        }

        await app.Services.GetRequiredService<ConsensusWorker>().RunOnceAsync(CancellationToken.None);

        var page = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/consensus");
        var first = page["items"]!.AsArray().Single(c => c!["task"]!.GetValue<long>() == ids[0])!;
        var second = page["items"]!.AsArray().Single(c => c!["task"]!.GetValue<long>() == ids[1])!;
        Assert.Equal("a", first["label"]!.GetValue<string>());
        Assert.Equal(2.0 / 3, first["confidence"]!.GetValue<double>(), 3);
        Assert.Equal(3, first["annotations"]!.GetValue<int>());
        Assert.Equal("b", second["label"]!.GetValue<string>());
        Assert.Equal(1.0, second["confidence"]!.GetValue<double>(), 3);

        var skills = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/skills")).AsArray();
        Assert.Equal(3, skills.Count);
        Assert.Equal(1.0, skills.Single(s => s!["user_id"]!.GetValue<long>() == users[0])!["agreement"]!.GetValue<double>());
        Assert.Equal(0.5, skills.Single(s => s!["user_id"]!.GetValue<long>() == users[2])!["agreement"]!.GetValue<double>());

        var export = await app.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=json&annotations=consensus");
        var tasks = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsArray();
        Assert.All(tasks, t =>
        {
            var only = Assert.Single(t!["annotations"]!.AsArray());
            Assert.Equal("consensus", only!["origin"]?.GetValue<string>() ?? "consensus");
        });
        Assert.Contains("\"b\"", tasks.Single(t => t!["id"]!.GetValue<long>() == ids[1])!["annotations"]![0]!["result"]!.ToJsonString(), StringComparison.Ordinal);
        var all = JsonNode.Parse(await (await app.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=json")).Content.ReadAsStringAsync())!.AsArray();
        Assert.All(all, t => Assert.Equal(3, t!["annotations"]!.AsArray().Count));
        var bad = await app.Client.GetAsync($"/api/v1/projects/{projectId}/export?annotations=some");
        await bad.ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task AdaptiveOverlap_AsksForOneMoreLabelOnlyWhereAnnotatorsDisagree(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 2, settings: "\"consensus_method\":\"mv\",\"adaptive_target\":0.9,\"adaptive_max\":3");
        var ids = await ImportAsync(app, projectId, 2);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add((await AnnotatorAsync(app, projectId, $"a{i}@example.com")).Client);
        }

        // Task 0: a, a (agreed). Task 1: a, b (contested).
        foreach (var (client, labels) in clients.Take(2).Zip(new[] { new[] { "a", "a" }, ["a", "b"] }))
        {
            foreach (var _ in ids)
            {
                var leased = (await client.NextAsync(projectId))!;
                await (await SubmitAsync(client, projectId, leased, Choice(labels[ids.IndexOf(TaskId(leased))]))).ExpectAsync(HttpStatusCode.Created);
            }
        }

        Assert.Null(await clients[2].NextAsync(projectId));
        await app.Services.GetRequiredService<ConsensusWorker>().RunOnceAsync(CancellationToken.None);

        var agreed = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[0]}");
        var contested = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[1]}");
        Assert.Equal("completed", agreed["status"]!.GetValue<string>());
        Assert.Equal("in_progress", contested["status"]!.GetValue<string>());
        Assert.Equal(3, contested["overlap"]!.GetValue<int>());
        var third = (await clients[2].NextAsync(projectId))!;
        Assert.Equal(ids[1], TaskId(third));
        await (await SubmitAsync(clients[2], projectId, third, Choice("b"))).ExpectAsync(HttpStatusCode.Created);
        await app.Services.GetRequiredService<ConsensusWorker>().RunOnceAsync(CancellationToken.None);
        var settled = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[1]}");
        Assert.Equal("completed", settled["status"]!.GetValue<string>());
        Assert.Equal("b", (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[1]}/consensus"))["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConsensusSettings_AreValidated()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var unknown = await app.Client.PostAsync("/api/v1/projects", new StringContent("""{"name":"x","consensus_method":"coinflip"}""", System.Text.Encoding.UTF8, "application/json"));
        var noMax = await app.Client.PostAsync("/api/v1/projects", new StringContent("""{"name":"x","overlap":2,"adaptive_target":0.95}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.NotNull((await unknown.ExpectProblemAsync(HttpStatusCode.BadRequest))["errors"]!["consensus_method"]);
        Assert.NotNull((await noMax.ExpectProblemAsync(HttpStatusCode.BadRequest))["errors"]!["adaptive_max"]);
    }
}
