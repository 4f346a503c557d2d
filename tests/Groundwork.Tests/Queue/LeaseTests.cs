using System.Net;
using System.Net.Http.Json;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Groundwork.Tests.Queue.QueueTestKit;

namespace Groundwork.Tests.Queue;

public sealed class LeaseTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Next_OrdersByPriorityThenStartedThenImportOrder_AndReturnsYourLiveLeaseAgain(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 2);
        var ids = await ImportAsync(app, projectId, 4, i => $$$"""{"data":{"text":"t{{{i}}}"},"priority":{{{(i == 3 ? 5 : 0)}}}}""");
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");
        var (_, carol) = await AnnotatorAsync(app, projectId, "carol@example.com");

        var first = (await alice.NextAsync(projectId))!;
        var again = (await alice.NextAsync(projectId))!;
        Assert.Equal(ids[3], TaskId(first));
        Assert.Equal(LeaseId(first), LeaseId(again));
        await (await SubmitAsync(alice, projectId, first, Choice("a"))).ExpectAsync(HttpStatusCode.Created);

        // Alice's next is plain FIFO; the high-priority task still has a place and goes to bob first.
        var aliceSecond = (await alice.NextAsync(projectId))!;
        var bobFirst = (await bob.NextAsync(projectId))!;
        Assert.Equal(ids[0], TaskId(aliceSecond));
        Assert.Equal(ids[3], TaskId(bobFirst));
        await (await SubmitAsync(alice, projectId, aliceSecond, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        await (await SubmitAsync(bob, projectId, bobFirst, Choice("a"))).ExpectAsync(HttpStatusCode.Created);

        // Task 0 is started (one annotation of two): it is finished before fresh task 1 is begun.
        var carolFirst = (await carol.NextAsync(projectId))!;
        Assert.Equal(ids[0], TaskId(carolFirst));
        var task0 = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[0]}");
        Assert.Equal("in_progress", task0["status"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task LiveLeasesCountTowardsOverlap_SkipFreesThePlace_AndTheSkipperNeverGetsItAgain(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 2);
        var ids = await ImportAsync(app, projectId, 1);
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");
        var (_, carol) = await AnnotatorAsync(app, projectId, "carol@example.com");

        var aliceLease = (await alice.NextAsync(projectId))!;
        var bobLease = (await bob.NextAsync(projectId))!;
        Assert.Null(await carol.NextAsync(projectId));
        var carolDirect = await carol.AnnotateAsync(projectId, ids[0], Choice("a"));
        await carolDirect.ExpectProblemAsync(HttpStatusCode.Conflict);

        var skip = await alice.PostAsJsonAsync($"/api/v1/projects/{projectId}/leases/{LeaseId(aliceLease)}/skip", new { reason = "unreadable" });
        await skip.ExpectAsync(HttpStatusCode.NoContent);
        Assert.Null(await alice.NextAsync(projectId));
        var carolLease = (await carol.NextAsync(projectId))!;
        Assert.Equal(ids[0], TaskId(carolLease));

        await (await SubmitAsync(bob, projectId, bobLease, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        await (await SubmitAsync(carol, projectId, carolLease, Choice("b"))).ExpectAsync(HttpStatusCode.Created);
        var afterSkip = await SubmitAsync(alice, projectId, aliceLease, Choice("a"));
        await afterSkip.ExpectProblemAsync(HttpStatusCode.Conflict);
        var task = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[0]}");
        Assert.Equal("completed", task["status"]!.GetValue<string>());
        Assert.Equal(2, task["annotation_count"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Heartbeat_ExtendsTheLease_AndOnlyTheHolderMayUseIt(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var projectId = await CreateProjectAsync(app, settings: "\"lease_seconds\":60");
        await ImportAsync(app, projectId, 1);
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");
        var lease = (await alice.NextAsync(projectId))!;
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), lease["expires_at"]!.GetValue<DateTimeOffset>());

        clock.Advance(TimeSpan.FromSeconds(50));
        var beat = await alice.PostAsync($"/api/v1/projects/{projectId}/leases/{LeaseId(lease)}/heartbeat", null);
        var bobBeat = await bob.PostAsync($"/api/v1/projects/{projectId}/leases/{LeaseId(lease)}/heartbeat", null);
        var bobSkip = await bob.PostAsync($"/api/v1/projects/{projectId}/leases/{LeaseId(lease)}/skip", null);
        clock.Advance(TimeSpan.FromSeconds(50));

        await beat.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(clock.GetUtcNow().AddSeconds(10), (await beat.JsonAsync())["expires_at"]!.GetValue<DateTimeOffset>());
        await bobBeat.ExpectProblemAsync(HttpStatusCode.Conflict);
        await bobSkip.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Null(await bob.NextAsync(projectId));
        await (await SubmitAsync(alice, projectId, lease, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task ExpiredLease_ReturnsItsTaskToTheQueue_UnderAFakeClock(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var projectId = await CreateProjectAsync(app, settings: "\"lease_seconds\":30");
        var ids = await ImportAsync(app, projectId, 1);
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");
        var aliceLease = (await alice.NextAsync(projectId))!;
        Assert.Null(await bob.NextAsync(projectId));

        clock.Advance(TimeSpan.FromSeconds(31));
        var bobLease = await bob.NextAsync(projectId);
        var lateHeartbeat = await alice.PostAsync($"/api/v1/projects/{projectId}/leases/{LeaseId(aliceLease)}/heartbeat", null);

        Assert.NotNull(bobLease);
        Assert.Equal(ids[0], TaskId(bobLease));
        await lateHeartbeat.ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await SubmitAsync(alice, projectId, aliceLease, Choice("a"))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await SubmitAsync(bob, projectId, bobLease, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Null(await alice.NextAsync(projectId));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task BackgroundSweeper_ExpiresLeasesWithoutAnyoneAsking(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(
            provider,
            new Dictionary<string, string?> { ["Groundwork:Queue:SweepInterval"] = "00:00:01" },
            s => s.AddSingleton<TimeProvider>(clock));
        var projectId = await CreateProjectAsync(app, settings: "\"lease_seconds\":30");
        await ImportAsync(app, projectId, 1);
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        await alice.NextAsync(projectId);
        Assert.Equal(1, (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/progress"))["live_leases"]!.GetValue<long>());

        clock.Advance(TimeSpan.FromSeconds(40));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long leaseCount;
        do
        {
            await Task.Delay(50);
            clock.Advance(TimeSpan.FromSeconds(1));
            var task = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]![0]!;
            leaseCount = await LiveLeaseColumnAsync(app, task.Id());
        }
        while (leaseCount != 0 && DateTime.UtcNow < deadline);

        Assert.Equal(0, leaseCount);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task PausedBatch_IsNotHandedOut_UntilResumed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app);
        var ids = await ImportAsync(app, projectId, 2, i => $$$"""{"data":{"text":"t{{{i}}}"},"batch":"{{{(i == 0 ? "early" : "late")}}}"}""");
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");

        await (await app.Client.PostAsync($"/api/v1/projects/{projectId}/batches/early/pause", null)).ExpectAsync(HttpStatusCode.NoContent);
        var whilePaused = (await alice.NextAsync(projectId))!;
        await (await SubmitAsync(alice, projectId, whilePaused, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        var nothing = await alice.NextAsync(projectId);
        var batches = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/batches");
        await (await app.Client.PostAsync($"/api/v1/projects/{projectId}/batches/early/resume", null)).ExpectAsync(HttpStatusCode.NoContent);
        var afterResume = await alice.NextAsync(projectId);

        Assert.Equal(ids[1], TaskId(whilePaused));
        Assert.Null(nothing);
        Assert.True(batches.AsArray().Single(b => b!["batch"]!.GetValue<string>() == "early")!["paused"]!.GetValue<bool>());
        Assert.Equal(ids[0], TaskId(afterResume!));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Annotators_SeeOnlyTasksLeasedToThem_AndNonMembersGetNoWork(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app);
        var ids = await ImportAsync(app, projectId, 2);
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, outsider) = await app.CreateUserAsync("outsider@example.com");

        var beforeLease = await alice.GetAsync($"/api/v1/projects/{projectId}/tasks/{ids[0]}");
        var list = await alice.GetAsync($"/api/v1/projects/{projectId}/tasks");
        var lease = (await alice.NextAsync(projectId))!;
        var afterLease = await alice.GetAsync($"/api/v1/projects/{projectId}/tasks/{ids[0]}");
        var other = await alice.GetAsync($"/api/v1/projects/{projectId}/tasks/{ids[1]}");
        var outsiderNext = await outsider.PostAsync($"/api/v1/projects/{projectId}/next", null);

        await beforeLease.ExpectProblemAsync(HttpStatusCode.NotFound);
        await list.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(ids[0], TaskId(lease));
        await afterLease.ExpectAsync(HttpStatusCode.OK);
        await other.ExpectProblemAsync(HttpStatusCode.NotFound);
        await outsiderNext.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task RemovingAMember_EndsTheirLeases_AndTheirTaskGoesToSomeoneElse(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app);
        var ids = await ImportAsync(app, projectId, 1);
        var (aliceId, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");
        await alice.NextAsync(projectId);
        Assert.Null(await bob.NextAsync(projectId));

        await (await app.Client.DeleteAsync($"/api/v1/projects/{projectId}/members/{aliceId}")).ExpectAsync(HttpStatusCode.NoContent);
        var bobLease = await bob.NextAsync(projectId);
        var members = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/members");

        Assert.Equal(ids[0], TaskId(bobLease!));
        Assert.DoesNotContain(members.AsArray(), m => m!["user_id"]!.GetValue<long>() == aliceId);
        await (await alice.PostAsync($"/api/v1/projects/{projectId}/next", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task PerTaskOverlap_OverridesTheProjects_AndPriorityReordersTheQueue(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 1);
        var ids = await ImportAsync(app, projectId, 3);
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");

        var raise = await app.Client.PatchAsJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[2]}", new { overlap = 2, priority = 9 });
        var invalid = await app.Client.PatchAsJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[2]}", new { overlap = -1 });
        var byAnnotator = await alice.PatchAsJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[2]}", new { priority = 1 });
        var aliceLease = (await alice.NextAsync(projectId))!;
        var bobLease = (await bob.NextAsync(projectId))!;
        await (await SubmitAsync(alice, projectId, aliceLease, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        var halfway = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[2]}");
        var lower = await app.Client.PatchAsJsonAsync($"/api/v1/projects/{projectId}/tasks/{ids[2]}", new { overlap = 0 });

        await raise.ExpectAsync(HttpStatusCode.OK);
        await invalid.ExpectProblemAsync(HttpStatusCode.BadRequest);
        await byAnnotator.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(ids[2], TaskId(aliceLease));
        Assert.Equal(ids[2], TaskId(bobLease));
        Assert.Equal("in_progress", halfway["status"]!.GetValue<string>());
        await lower.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("completed", (await lower.JsonAsync())["status"]!.GetValue<string>());
    }

    private static async Task<long> LiveLeaseColumnAsync(TestApp app, long taskId)
    {
        var db = app.Services.GetRequiredService<Groundwork.Data.GroundworkDatabase>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT lease_count FROM tasks WHERE id = {taskId}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Next_ReturnsTheTaskWithItsPredictionsInOrder_AndCountsTheLease(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap: 2);
        static string Prediction(string label, double score) =>
            $$$"""{"model_version":"m-{{{label}}}","score":{{{score}}},"result":[{"from_name":"label","to_name":"text","type":"choices","value":{"choices":["{{{label}}}"]}}]}""";
        var ids = await ImportAsync(app, projectId, 2, i => i == 0
            ? $$$"""{"data":{"text":"with predictions"},"predictions":[{{{Prediction("b", 0.25)}}},{{{Prediction("a", 0.75)}}}]}"""
            : """{"data":{"text":"bare"}}""");
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var (_, bob) = await AnnotatorAsync(app, projectId, "bob@example.com");

        var leased = (await alice.NextAsync(projectId))!;
        Assert.Equal(ids[0], TaskId(leased));
        Assert.Equal("with predictions", leased["task"]!["data"]!["text"]!.GetValue<string>());
        var predictions = leased["predictions"]!.AsArray();
        Assert.Equal(["m-b", "m-a"], predictions.Select(p => p!["model_version"]!.GetValue<string>()));
        Assert.Equal("a", predictions[1]!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
        Assert.Equal(0.75, predictions[1]!["score"]!.GetValue<double>());
        Assert.True(leased["expires_at"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);

        // The lease holds one of the two places: bob gets the same task, and a third annotator would not.
        var bobLeased = (await bob.NextAsync(projectId))!;
        Assert.Equal(ids[0], TaskId(bobLeased));
        Assert.NotEqual(LeaseId(leased), LeaseId(bobLeased));
        var (_, carol) = await AnnotatorAsync(app, projectId, "carol@example.com");
        var carolLeased = (await carol.NextAsync(projectId))!;
        Assert.Equal(ids[1], TaskId(carolLeased));
        Assert.Empty(carolLeased["predictions"]!.AsArray());
    }
}
