using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Groundwork.Tests.Infrastructure;
using static Groundwork.Tests.Queue.QueueTestKit;

namespace Groundwork.Tests.Queue;

public sealed class GoldTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task GoldTasks_LookLikeOthers_AreScoredPerLabel_AndLowAccuracyPausesUntilReinstated(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, settings: "\"gold_rate\":1,\"gold_threshold\":0.6,\"gold_window\":2");
        var ids = await ImportAsync(app, projectId, 6);
        var gold = ids.Take(3).ToList();
        foreach (var (taskId, label) in gold.Zip(["a", "b", "a"]))
        {
            var set = await app.Client.PutAsync($"/api/v1/projects/{projectId}/tasks/{taskId}/gold", Json($$$"""{"result":{{{Choice(label)}}}}"""));
            await set.ExpectAsync(HttpStatusCode.OK);
        }

        var (aliceId, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (bobId, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");

        // Alice answers the first gold task right and the second wrong: 1 of 2 is below 0.6, so she is paused.
        var first = (await alice.NextAsync(projectId))!;
        Assert.Equal(gold[0], TaskId(first));
        Assert.DoesNotContain("gold", first.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ground_truth", first.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var peek = await alice.GetAsync($"/api/v1/projects/{projectId}/tasks/{gold[0]}/gold");
        await peek.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await SubmitAsync(alice, projectId, first, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        var second = (await alice.NextAsync(projectId))!;
        Assert.Equal(gold[1], TaskId(second));
        await (await SubmitAsync(alice, projectId, second, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        var paused = await alice.PostAsync($"/api/v1/projects/{projectId}/next", null);
        var pausedProblem = await paused.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("accuracy", pausedProblem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Bob answers both right and keeps working; each gold task reaches every annotator, overlap does not apply.
        foreach (var expected in gold.Take(2))
        {
            var leased = (await bob.NextAsync(projectId))!;
            Assert.Equal(expected, TaskId(leased));
            var answer = expected == gold[0] ? "a" : "b";
            await (await SubmitAsync(bob, projectId, leased, Choice(answer))).ExpectAsync(HttpStatusCode.Created);
        }

        var scores = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/gold/scores")).AsArray();
        var aliceScore = scores.Single(s => s!["user_id"]!.GetValue<long>() == aliceId)!;
        var bobScore = scores.Single(s => s!["user_id"]!.GetValue<long>() == bobId)!;
        Assert.Equal(0.5, aliceScore["accuracy"]!.GetValue<double>());
        Assert.Equal(1, aliceScore["by_label"]!["a"]!["correct"]!.GetValue<int>());
        Assert.Equal(0, aliceScore["by_label"]!["b"]!["correct"]!.GetValue<int>());
        Assert.Equal(1.0, bobScore["accuracy"]!.GetValue<double>());
        var members = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/members");
        Assert.True(members.AsArray().Single(m => m!["user_id"]!.GetValue<long>() == aliceId)!["paused"]!.GetValue<bool>());

        var reinstate = await app.Client.PostAsync($"/api/v1/projects/{projectId}/members/{aliceId}/reinstate", null);
        await reinstate.ExpectAsync(HttpStatusCode.OK);
        var afterReinstate = await alice.NextAsync(projectId);
        Assert.Equal(gold[2], TaskId(afterReinstate!));

        // Gold answers are not consensus work: gold tasks stay queued and are left out of the progress counts.
        var progress = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/progress");
        Assert.Equal(3, progress["gold_tasks"]!.GetValue<long>());
        Assert.Equal(3, progress["tasks"]!["queued"]!.GetValue<long>());
        var aliceProgress = progress["annotators"]!.AsArray().Single(a => a!["user_id"]!.GetValue<long>() == aliceId)!;
        Assert.Equal(0.5, aliceProgress["gold_accuracy"]!.GetValue<double>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Qualification_MustBePassedBeforeRealWork_AndFailingPausesWithTheScore(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, settings: "\"qualification_pass_mark\":1");
        var ids = await ImportAsync(app, projectId, 4);
        var qualification = ids.Take(2).ToList();
        foreach (var taskId in qualification)
        {
            var set = await app.Client.PutAsync($"/api/v1/projects/{projectId}/tasks/{taskId}/gold", Json($$$"""{"kind":"qualification","result":{{{Choice("a")}}}}"""));
            await set.ExpectAsync(HttpStatusCode.OK);
        }

        var (_, good) = await AnnotatorAsync(app, projectId, "good@example.com");
        var (badId, bad) = await AnnotatorAsync(app, projectId, "bad@example.com");

        foreach (var (client, answers) in new[] { (good, new[] { "a", "a" }), (bad, new[] { "a", "b" }) })
        {
            foreach (var answer in answers)
            {
                var leased = (await client.NextAsync(projectId))!;
                Assert.Contains(TaskId(leased), qualification);
                await (await SubmitAsync(client, projectId, leased, Choice(answer))).ExpectAsync(HttpStatusCode.Created);
            }
        }

        var goodWork = await good.NextAsync(projectId);
        var badWork = await bad.PostAsync($"/api/v1/projects/{projectId}/next", null);

        Assert.Equal(ids[2], TaskId(goodWork!));
        var problem = await badWork.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("1 of 2", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var members = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/members");
        Assert.NotNull(members.AsArray().Single(m => m!["email"]!.GetValue<string>() == "good@example.com")!["qualified_at"]);

        await (await app.Client.PostAsync($"/api/v1/projects/{projectId}/members/{badId}/reinstate", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ids[3], TaskId((await bad.NextAsync(projectId))!));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task GoldAnswer_ThatDoesNotFitTheConfig_IsRefused_AndStoresNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app);
        var ids = await ImportAsync(app, projectId, 1);

        var response = await app.Client.PutAsync($"/api/v1/projects/{projectId}/tasks/{ids[0]}/gold", Json($$$"""{"result":{{{Choice("zebra")}}}}"""));
        var badKind = await app.Client.PutAsync($"/api/v1/projects/{projectId}/tasks/{ids[0]}/gold", Json($$$"""{"kind":"platinum","result":{{{Choice("a")}}}}"""));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        var problem = await badKind.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["kind"]);
        var stored = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[0]}/gold");
        Assert.Equal("none", stored["kind"]!.GetValue<string>());
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
