using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.Core.Events;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Groundwork.Tests.Queue.QueueTestKit;
using static Groundwork.Tests.Review.ReviewTestKit;

namespace Groundwork.Tests.Review;

/// <summary>The review flow through the API, once per provider: queue, decisions, lifecycle, visibility, quality and exports.</summary>
public sealed class ReviewTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Reject_SendsTheTaskBackToTheQueue_ToAnotherAnnotator_AndItCompletesAgain(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var projectId = await CreateProjectAsync(app, overlap: 1, settings: "\"review_policy\":\"all\"");
        var taskId = (await ImportAsync(app, projectId, 1))[0];
        await app.Client.CreateWebhookAsync(projectId, "https://hooks.example.com/review", EventKinds.ReviewDecided);
        var (aliceId, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (bobId, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");
        var (reviewerId, reviewer) = await AnnotatorAsync(app, projectId, "rita@example.com", "reviewer");

        var leased = (await alice.NextAsync(projectId))!;
        await (await SubmitAsync(alice, projectId, leased, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("completed", await StatusAsync(app, projectId, taskId));

        var item = (await reviewer.ReviewNextAsync(projectId))!;
        Assert.Equal(taskId, item["task"]!.Id());
        Assert.Equal(aliceId, item["annotation"]!["completed_by"]!.GetValue<long>());
        Assert.Empty(item["other_annotations"]!.AsArray());
        Assert.True(item["expires_at"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
        Assert.Equal(AnnotationId(item), AnnotationId((await reviewer.ReviewNextAsync(projectId))!)); // held: the same one again

        var rejected = await reviewer.DecideAsync(projectId, AnnotationId(item), """{"decision":"rejected","comment":"The text is about b."}""");
        await rejected.ExpectAsync(HttpStatusCode.Created);
        var rejection = await rejected.JsonAsync();
        Assert.Equal("rejected", rejection["decision"]!.GetValue<string>());
        Assert.Equal("queued", rejection["task_status"]!.GetValue<string>());
        Assert.Equal(reviewerId, rejection["reviewer_id"]!.GetValue<long>());
        var task = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}");
        Assert.Equal("queued", task["status"]!.GetValue<string>());
        Assert.Equal(0, task["annotation_count"]!.GetValue<int>());

        // The rejected annotator never gets the task again; another annotator does, and it completes again.
        Assert.Null(await alice.NextAsync(projectId));
        var again = (await bob.NextAsync(projectId))!;
        Assert.Equal(taskId, TaskId(again));
        await (await SubmitAsync(bob, projectId, again, Choice("b"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("completed", await StatusAsync(app, projectId, taskId));

        var second = (await reviewer.ReviewNextAsync(projectId))!;
        Assert.Equal(bobId, second["annotation"]!["completed_by"]!.GetValue<long>());
        Assert.Equal("rejected", Assert.Single(second["other_annotations"]!.AsArray())!["review_state"]!.GetValue<string>());
        var accepted = await reviewer.DecideAsync(projectId, AnnotationId(second), """{"decision":"accepted"}""");
        await accepted.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("completed", (await accepted.JsonAsync())["task_status"]!.GetValue<string>());
        Assert.Null(await reviewer.ReviewNextAsync(projectId));

        // Annotators see the decisions on their own annotations, comment included, and nothing of others'.
        var alicesReviews = await alice.ReviewsAsync(projectId);
        var alicesReview = Assert.Single(alicesReviews)!;
        Assert.Equal("The text is about b.", alicesReview["comment"]!.GetValue<string>());
        Assert.Equal("rejected", alicesReview["decision"]!.GetValue<string>());
        Assert.Empty(await alice.ReviewsAsync(projectId, $"?annotator_id={bobId}"));
        Assert.Equal("accepted", Assert.Single(await bob.ReviewsAsync(projectId))!["decision"]!.GetValue<string>());
        Assert.Equal(2, (await app.Client.ReviewsAsync(projectId, $"?task_id={taskId}")).Count);
        Assert.Single(await app.Client.ReviewsAsync(projectId, "?decision=rejected"));
        var alicesAnnotation = Assert.Single((await alice.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}/annotations")).AsArray())!;
        Assert.Equal("rejected", alicesAnnotation["review_state"]!.GetValue<string>());

        // A reviewed annotation can no longer be changed by its author.
        var edit = await alice.PatchAsync($"/api/v1/projects/{projectId}/annotations/{AnnotationId(item)}", new StringContent($$"""{"result":{{Choice("b")}}}""", Encoding.UTF8, "application/json"));
        Assert.Contains("reviewed", (await edit.ExpectProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Counted in quality: acceptance rate per annotator.
        var progress = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/progress"))["annotators"]!.AsArray();
        var aliceProgress = progress.Single(a => a!["user_id"]!.GetValue<long>() == aliceId)!;
        var bobProgress = progress.Single(a => a!["user_id"]!.GetValue<long>() == bobId)!;
        Assert.Equal(1, aliceProgress["rejected"]!.GetValue<long>());
        Assert.Equal(0.0, aliceProgress["acceptance_rate"]!.GetValue<double>());
        Assert.Equal(1.0, bobProgress["acceptance_rate"]!.GetValue<double>());
        await app.Services.GetRequiredService<Groundwork.Consensus.ConsensusWorker>().RunOnceAsync(CancellationToken.None);
        var skills = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/skills")).AsArray();
        var bobSkill = skills.Single(s => s!["user_id"]!.GetValue<long>() == bobId)!;
        Assert.Equal(1.0, bobSkill["acceptance_rate"]!.GetValue<double>());
        Assert.DoesNotContain(skills, s => s!["user_id"]!.GetValue<long>() == aliceId); // a rejected answer is no evidence for consensus

        // Exports leave rejected annotations out unless asked, and say how each was reviewed.
        var export = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/export?format=json")).AsArray();
        var exported = Assert.Single(Assert.Single(export)!["annotations"]!.AsArray())!;
        Assert.Equal(bobId, exported["completed_by"]!.GetValue<long>());
        Assert.Equal("accepted", exported["review_state"]!.GetValue<string>());
        var everything = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/export?format=json&include_rejected=true")).AsArray();
        Assert.Equal(new[] { "rejected", "accepted" }, everything[0]!["annotations"]!.AsArray().Select(a => a!["review_state"]!.GetValue<string>()));

        // Audited, and emitted as review.decided through the outbox.
        var audit = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/audit?action=review.decided"))["items"]!.AsArray();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal(reviewerId, e!["actor_id"]!.GetValue<long>()));
        var payload = JsonNode.Parse(await app.ScalarTextAsync($"SELECT payload FROM webhook_deliveries WHERE event = 'review.decided' ORDER BY id LIMIT 1"))!;
        Assert.Equal("review.decided", payload["event"]!.GetValue<string>());
        Assert.Equal("rejected", payload["data"]!["review"]!["decision"]!.GetValue<string>());
        Assert.Equal("The text is about b.", payload["data"]!["review"]!["comment"]!.GetValue<string>());
        Assert.Equal("rejected", payload["data"]!["annotation"]!["review_state"]!.GetValue<string>());
        Assert.Equal("queued", payload["data"]!["task"]!["status"]!.GetValue<string>());
        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM webhook_deliveries WHERE event = 'review.decided'"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Fix_BecomesTheAcceptedAnswer_KeepsTheOriginal_AndABrokenFixChangesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 1, settings: "\"review_policy\":\"all\"");
        var taskId = (await ImportAsync(app, projectId, 1))[0];
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, reviewer) = await AnnotatorAsync(app, projectId, "rita@example.com", "reviewer");
        await (await SubmitAsync(alice, projectId, (await alice.NextAsync(projectId))!, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        var annotationId = AnnotationId((await reviewer.ReviewNextAsync(projectId))!);

        var broken = await reviewer.DecideAsync(projectId, annotationId, $$"""{"decision":"fixed","result":{{Choice("c")}}}""");
        var problem = await broken.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("\"c\"", problem["errors"]!["result[0]"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await app.Client.ReviewsAsync(projectId));

        var fixedResponse = await reviewer.DecideAsync(projectId, annotationId, $$"""{"decision":"fixed","comment":"It is b.","result":{{Choice("b")}}}""");
        await fixedResponse.ExpectAsync(HttpStatusCode.Created);
        var review = Assert.Single(await app.Client.ReviewsAsync(projectId, $"?annotation_id={annotationId}"))!;
        Assert.Equal("fixed", review["decision"]!.GetValue<string>());
        Assert.Equal("b", ChoiceOf(review["result"]));
        Assert.Equal("It is b.", review["comment"]!.GetValue<string>());

        var annotation = Assert.Single((await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}/annotations")).AsArray())!;
        Assert.Equal("a", ChoiceOf(annotation["result"])); // the original is kept
        Assert.Equal("b", ChoiceOf(annotation["fixed_result"]));
        Assert.Equal("fixed", annotation["review_state"]!.GetValue<string>());
        Assert.Equal("completed", await StatusAsync(app, projectId, taskId));

        var exported = Assert.Single((await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/export?format=json"))[0]!["annotations"]!.AsArray())!;
        Assert.Equal("b", ChoiceOf(exported["result"]));
        Assert.Equal("fixed", exported["review_state"]!.GetValue<string>());
        var csv = await app.Client.GetStringAsync($"/api/v1/projects/{projectId}/export?format=csv");
        Assert.Contains("b", csv.Split('\n')[1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task BadDecisions_AreProblemsNamingTheField_AndChangeNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 2, settings: "\"review_policy\":\"all\"");
        var taskId = (await ImportAsync(app, projectId, 1))[0];
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, reviewer) = await AnnotatorAsync(app, projectId, "rita@example.com", "reviewer");
        await (await SubmitAsync(alice, projectId, (await alice.NextAsync(projectId))!, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        var own = await reviewer.AnnotateAsync(projectId, taskId); // reviewers may annotate directly
        await own.ExpectAsync(HttpStatusCode.Created);
        var ownId = (await own.JsonAsync()).Id();
        var item = (await reviewer.ReviewNextAsync(projectId))!;
        var alicesId = AnnotationId(item);
        Assert.NotEqual(ownId, alicesId); // never your own

        (string Body, string Field)[] invalid =
        [
            ("""{"decision":"rejected"}""", "comment"),
            ("""{"decision":"rejected","comment":"   "}""", "comment"),
            ("""{"decision":"maybe"}""", "decision"),
            ("""{"comment":"no decision"}""", "decision"),
            ("""{"decision":"fixed"}""", "result"),
            ("""{"decision":"fixed","result":{"choices":["b"]}}""", "result"),
            ($$"""{"decision":"accepted","result":{{Choice("b")}}}""", "result"),
            ($$"""{"decision":"rejected","comment":"{{new string('x', 2001)}}"}""", "comment"),
        ];
        foreach (var (body, field) in invalid)
        {
            var response = await reviewer.DecideAsync(projectId, alicesId, body);
            var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]![field] is not null, $"{body}: expected an error on {field}, got {problem.Compact()}");
        }

        var ownReview = await reviewer.DecideAsync(projectId, ownId, """{"decision":"accepted"}""");
        Assert.Contains("your own", (await ownReview.ExpectProblemAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var missing = await reviewer.DecideAsync(projectId, 999_999, """{"decision":"accepted"}""");
        await missing.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await app.Client.ReviewsAsync(projectId));
        Assert.Equal(2, (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}"))["annotation_count"]!.GetValue<int>());
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'review.decided'"));

        await (await reviewer.DecideAsync(projectId, alicesId, """{"decision":"rejected","comment":"wrong"}""")).ExpectAsync(HttpStatusCode.Created);
        var twice = await reviewer.DecideAsync(projectId, alicesId, """{"decision":"accepted"}""");
        Assert.Contains("already reviewed", (await twice.ExpectProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var byManager = await app.Client.DecideAsync(projectId, alicesId, """{"decision":"accepted"}""");
        await byManager.ExpectProblemAsync(HttpStatusCode.Conflict);

        // An annotation of a canceled task is not reviewed (nor offered).
        var canceledTask = (await ImportAsync(app, projectId, 2))[1];
        var onCanceled = (await (await app.Client.AnnotateAsync(projectId, canceledTask)).JsonAsync()).Id();
        await (await app.Client.PostAsync($"/api/v1/projects/{projectId}/tasks/{canceledTask}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        var canceled = await reviewer.DecideAsync(projectId, onCanceled, """{"decision":"accepted"}""");
        Assert.Contains("canceled", (await canceled.ExpectProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await reviewer.ReviewNextAsync(projectId));
        Assert.Single(await app.Client.ReviewsAsync(projectId));
        Assert.Equal(1, (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}"))["annotation_count"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Isolation_ReviewersSeeOnlyTheirProject_AndAHeldAnnotationIsNotAnotherReviewersToDecide(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 1, settings: "\"review_policy\":\"all\"");
        var otherProject = await CreateProjectAsync(app, overlap: 1, settings: "\"review_policy\":\"all\"");
        foreach (var task in await ImportAsync(app, projectId, 2))
        {
            await (await app.Client.AnnotateAsync(projectId, task)).ExpectAsync(HttpStatusCode.Created);
        }

        var otherTask = (await ImportAsync(app, otherProject, 1))[0];
        var otherAnnotation = (await (await app.Client.AnnotateAsync(otherProject, otherTask)).JsonAsync()).Id();
        var (_, first) = await AnnotatorAsync(app, projectId, "r1@example.com", "reviewer");
        var (_, second) = await AnnotatorAsync(app, projectId, "r2@example.com", "reviewer");

        var held = AnnotationId((await first.ReviewNextAsync(projectId))!);
        var other = AnnotationId((await second.ReviewNextAsync(projectId))!);
        Assert.NotEqual(held, other);
        var taken = await second.DecideAsync(projectId, held, """{"decision":"accepted"}""");
        Assert.Contains("being reviewed", (await taken.ExpectProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Another project's annotation is not found through this project, and its queue is not this reviewer's.
        var crossProject = await first.DecideAsync(projectId, otherAnnotation, """{"decision":"accepted"}""");
        await crossProject.ExpectProblemAsync(HttpStatusCode.NotFound);
        var foreign = await first.DecideAsync(otherProject, otherAnnotation, """{"decision":"accepted"}""");
        await foreign.ExpectProblemAsync(HttpStatusCode.NotFound);
        using var foreignNext = await first.PostAsync($"/api/v1/projects/{otherProject}/review/next", null);
        await foreignNext.ExpectProblemAsync(HttpStatusCode.NotFound);

        await (await first.DecideAsync(projectId, held, """{"decision":"accepted"}""")).ExpectAsync(HttpStatusCode.Created);
        Assert.Empty(await app.Client.ReviewsAsync(otherProject));
        var summary = await first.GetJsonAsync($"/api/v1/projects/{projectId}/review/summary");
        Assert.Equal("all", summary["review_policy"]!.GetValue<string>());
        Assert.Equal(1, summary["pending"]!.GetValue<long>());
        Assert.Equal(1, summary["accepted"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Uncertain_QueuesOnlyCompletedTasksBelowTheThreshold_AndSettingsAreValidated(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 2, settings: "\"consensus_method\":\"mv\",\"review_policy\":\"uncertain\",\"review_threshold\":0.9");
        var tasks = await ImportAsync(app, projectId, 3);
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");
        var (_, reviewer) = await AnnotatorAsync(app, projectId, "rita@example.com", "reviewer");
        // t0: both say a (certain); t1: a against b (uncertain); t2: one annotation only (not completed).
        await (await app.Client.AnnotateAsync(projectId, tasks[0], Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        foreach (var expected in tasks)
        {
            var leased = (await alice.NextAsync(projectId))!;
            Assert.Equal(expected, TaskId(leased)); // started tasks first, then import order
            await (await SubmitAsync(alice, projectId, leased, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        }

        var bobs = (await bob.NextAsync(projectId))!;
        Assert.Equal(tasks[1], TaskId(bobs));
        await (await SubmitAsync(bob, projectId, bobs, Choice("b"))).ExpectAsync(HttpStatusCode.Created);

        var statuses = new List<string>();
        foreach (var task in tasks)
        {
            statuses.Add(await StatusAsync(app, projectId, task));
        }

        Assert.Equal("completed", statuses[0]);
        Assert.Equal("completed", statuses[1]);
        Assert.Null(await reviewer.ReviewNextAsync(projectId)); // no consensus yet
        await app.Services.GetRequiredService<Groundwork.Consensus.ConsensusWorker>().RunOnceAsync(CancellationToken.None);

        var seen = new List<long>();
        while (await reviewer.ReviewNextAsync(projectId) is { } item)
        {
            Assert.Equal(tasks[1], item["task"]!.Id());
            Assert.Equal(0.5, item["consensus"]!["confidence"]!.GetValue<double>(), 6);
            seen.Add(AnnotationId(item));
            await (await reviewer.DecideAsync(projectId, AnnotationId(item), """{"decision":"accepted"}""")).ExpectAsync(HttpStatusCode.Created);
        }

        Assert.Equal(2, seen.Distinct().Count());

        (string Settings, string Field)[] invalid =
        [
            ("""{"review_policy":"sometimes"}""", "review_policy"),
            ("""{"review_sample_rate":0}""", "review_sample_rate"),
            ("""{"review_sample_rate":1.5}""", "review_sample_rate"),
            ("""{"review_threshold":2}""", "review_threshold"),
            ("""{"review_threshold":0}""", "review_threshold"), // clears it, and uncertain then has no threshold
            ("""{"label_config":"<View><Text name=\"text\" value=\"$text\"/><TextArea name=\"t\" toName=\"text\"/></View>"}""", "review_policy"),
        ];
        foreach (var (settings, field) in invalid)
        {
            var response = await app.Client.PatchAsync($"/api/v1/projects/{projectId}", new StringContent(settings, Encoding.UTF8, "application/json"));
            var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]![field] is not null, $"{settings}: expected an error on {field}, got {problem.Compact()}");
        }

        var project = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}");
        Assert.Equal("uncertain", project["review_policy"]!.GetValue<string>());
        Assert.Equal(0.9, project["review_threshold"]!.GetValue<double>());
        Assert.Equal(1.0, project["review_sample_rate"]!.GetValue<double>());
        var changed = await app.Client.PatchAsync($"/api/v1/projects/{projectId}", new StringContent("""{"review_policy":"all","review_sample_rate":0.5}""", Encoding.UTF8, "application/json"));
        await changed.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0.5, (await changed.JsonAsync())["review_sample_rate"]!.GetValue<double>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task ConcurrentReviewers_InTwoServers_NeverGetTheSameAnnotation(string provider)
    {
        const int annotations = 40;
        const int reviewers = 6;
        await using var app = await TestApp.StartAsync(provider);
        // On PostgreSQL half the reviewers go through a second server on the same database, as a second process would.
        await using var peer = provider == "postgres" ? await app.StartPeerAsync() : null;
        var projectId = await CreateProjectAsync(app, overlap: 1, settings: "\"review_policy\":\"all\"");
        foreach (var task in await ImportAsync(app, projectId, annotations))
        {
            await (await app.Client.AnnotateAsync(projectId, task, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        }

        var clients = new List<HttpClient>();
        for (var i = 0; i < reviewers; i++)
        {
            var (userId, client) = await AnnotatorAsync(app, projectId, $"r{i}@example.com", "reviewer");
            clients.Add(i % 2 == 0 || peer is null ? client : peer.CreateClient(await NewTokenAsync(app, userId)));
        }

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var decided = new System.Collections.Concurrent.ConcurrentBag<(int Reviewer, long Annotation)>();
        await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            while (true)
            {
                using var next = await client.PostAsync($"/api/v1/projects/{projectId}/review/next", null);
                if (next.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }

                if (next.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"next: {(int)next.StatusCode} {await next.Content.ReadAsStringAsync()}");
                    return;
                }

                var annotationId = AnnotationId(await next.JsonAsync());
                using var decide = await client.DecideAsync(projectId, annotationId, index % 3 == 0 ? """{"decision":"rejected","comment":"no"}""" : """{"decision":"accepted"}""");
                if (decide.StatusCode != HttpStatusCode.Created)
                {
                    failures.Add($"decide {annotationId}: {(int)decide.StatusCode} {await decide.Content.ReadAsStringAsync()}");
                    return;
                }

                decided.Add((index, annotationId));
            }
        })));

        Assert.Empty(failures);
        Assert.Equal(annotations, decided.Count);
        Assert.Equal(annotations, decided.Select(d => d.Annotation).Distinct().Count());
        Assert.True(decided.Select(d => d.Reviewer).Distinct().Count() > 1, "the reviewers should have shared the work");
        Assert.Equal(annotations, await app.ScalarAsync("SELECT count(*) FROM reviews"));
        var rejected = await app.ScalarAsync("SELECT count(*) FROM reviews WHERE decision = 'rejected'");
        Assert.Equal(rejected, await app.ScalarAsync("SELECT count(*) FROM tasks WHERE status = 'queued'"));
    }

    private static async Task<string> StatusAsync(TestApp app, long projectId, long taskId) =>
        (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}"))["status"]!.GetValue<string>();

    private static async Task<string> NewTokenAsync(TestApp app, long userId)
    {
        var users = app.Services.GetRequiredService<Groundwork.Core.Users.IUserStore>();
        var secret = Groundwork.Core.Security.ApiTokens.Generate();
        await users.AddTokenAsync(userId, "peer", Groundwork.Core.Security.ApiTokens.DisplayPrefix(secret), Groundwork.Core.Security.ApiTokens.Hash(secret), CancellationToken.None);
        return secret;
    }
}
