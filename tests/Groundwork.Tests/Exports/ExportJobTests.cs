using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Groundwork.Core.Events;
using Groundwork.Core.Export;
using Groundwork.Core.Storage;
using Groundwork.Exports;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Groundwork.Tests.Exports.ExportJobTestKit;

namespace Groundwork.Tests.Exports;

public sealed class ExportJobTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Job_Succeeds_AndItsDownloadIsTheDirectExportByteForByte(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, Workers());
        var projectId = await AnnotatedProjectAsync(app.Client, 40);
        var (_, _) = await app.Client.CreateWebhookAsync(projectId, "http://127.0.0.1:9/hook", EventKinds.ExportFinished);

        foreach (var (format, annotations, mediaType, extension) in new[]
        {
            ("json", "all", "application/json", ".json"),
            ("jsonl", "all", "application/x-ndjson", ".jsonl"),
            ("csv", "all", "text/csv", ".csv"),
            ("json_min", "all", "application/json", ".json"),
            ("parquet", "all", "application/vnd.apache.parquet", ".parquet"),
            ("jsonl", "consensus_only", "application/x-ndjson", ".jsonl"),
        })
        {
            var queued = await StartAsync(app.Client, projectId, format, annotations);
            var jobId = queued.Id();
            var job = await WaitAsync(app.Client, projectId, jobId);
            using var download = await app.Client.GetAsync($"/api/v1/projects/{projectId}/exports/{jobId}/download");
            await download.ExpectAsync(HttpStatusCode.OK);
            var bytes = await download.Content.ReadAsByteArrayAsync();
            var direct = await DirectAsync(app.Client, projectId, format, annotations);

            Assert.Equal("queued", queued["state"]!.GetValue<string>());
            Assert.Equal(annotations, queued["annotations"]!.GetValue<string>());
            Assert.Equal("succeeded", job["state"]!.GetValue<string>());
            Assert.True(direct.AsSpan().SequenceEqual(bytes), $"{format}/{annotations}: the job's file ({bytes.Length} bytes) differs from the direct export ({direct.Length} bytes)");
            Assert.Equal(bytes.Length, job["bytes"]!.GetValue<long>());
            var expectedTasks = annotations == "consensus_only" ? 0 : 40;
            Assert.Equal(expectedTasks, job["progress"]!["tasks_written"]!.GetValue<long>());
            Assert.Equal(expectedTasks, job["progress"]!["tasks_total"]!.GetValue<long>());
            Assert.Equal(1, job["attempts"]!.GetValue<int>());
            Assert.NotNull(job["started_at"]?.GetValue<string>());
            Assert.NotNull(job["finished_at"]?.GetValue<string>());
            Assert.Equal($"/api/v1/projects/{projectId}/exports/{jobId}/download", job["download_url"]!.GetValue<string>());
            Assert.Equal(mediaType, download.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"project-{projectId}-export-{jobId}{extension}", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        }

        var list = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/exports?limit=4");
        var items = list["items"]!.AsArray();
        Assert.Equal(4, items.Count);
        Assert.Equal(items.Select(i => i!.Id()).OrderDescending(), items.Select(i => i!.Id()));
        var older = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/exports?cursor={list["next_cursor"]!.GetValue<long>()}");
        Assert.Equal(2, older["items"]!.AsArray().Count);
        Assert.Null(older["next_cursor"]?.GetValue<long?>());

        // Each job: one export.requested and one export.finished in the audit log, and one export.finished delivery.
        Assert.Equal(6, await app.ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'export.requested'"));
        Assert.Equal(6, await app.ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'export.finished'"));
        Assert.Equal(6, await app.ScalarAsync("SELECT count(*) FROM webhook_deliveries WHERE event = 'export.finished'"));
        var payload = JsonNode.Parse(await app.ScalarTextAsync("SELECT payload FROM webhook_deliveries WHERE event = 'export.finished' ORDER BY id LIMIT 1"))!;
        Assert.Equal("export.finished", payload["event"]!.GetValue<string>());
        Assert.Equal("succeeded", payload["data"]!["export"]!["state"]!.GetValue<string>());
        Assert.Equal("json", payload["data"]!["export"]!["format"]!.GetValue<string>());
        Assert.EndsWith("/download", payload["data"]!["export"]!["download_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, payload["actor"]!["user_id"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Job_ForImages_WritesCocoAndYoloLikeTheDirectExport(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, Workers());
        const string config = """<View><Image name="image" value="$image"/><RectangleLabels name="box" toName="image"><Label value="Cat"/><Label value="Dog"/></RectangleLabels></View>""";
        var projectId = (await app.Client.CreateProjectAsync(labelConfig: config)).Id();
        await app.Client.ImportAsync(projectId, string.Join('\n', Enumerable.Range(0, 5).Select(i => $$$"""{"data":{"image":"/data/img{{{i}}}.jpg"}}""")));
        foreach (var task in (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]!.AsArray())
        {
            const string box = """[{"id":"b1","from_name":"box","to_name":"image","type":"rectanglelabels","original_width":200,"original_height":100,"value":{"x":10,"y":20,"width":50,"height":40,"rotation":0,"rectanglelabels":["Dog"]}}]""";
            await (await app.Client.AnnotateAsync(projectId, task!.Id(), box)).ExpectAsync(HttpStatusCode.Created);
        }

        var coco = await WaitAsync(app.Client, projectId, (await StartAsync(app.Client, projectId, "coco")).Id());
        var yolo = await WaitAsync(app.Client, projectId, (await StartAsync(app.Client, projectId, "yolo")).Id());
        var fromJob = JsonNode.Parse(await DownloadAsync(app.Client, projectId, coco.Id()))!.AsObject();
        var direct = JsonNode.Parse(await DirectAsync(app.Client, projectId, "coco"))!.AsObject();
        var yoloZip = await DownloadAsync(app.Client, projectId, yolo.Id());

        // COCO's info.date_created is the moment of writing: everything else must be the same.
        fromJob.Remove("info");
        direct.Remove("info");
        Assert.True(JsonNode.DeepEquals(direct, fromJob), fromJob.Compact());
        Assert.Equal(5, fromJob["images"]!.AsArray().Count);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(yoloZip));
        Assert.Equal(5, zip.Entries.Count(e => e.FullName.StartsWith("labels/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Create_BadRequest_Returns400AndQueuesNothing()
    {
        await using var app = await TestApp.StartAsync("sqlite", Workers(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();

        var format = await app.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/exports", new { format = "xml" });
        var annotations = await app.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/exports", new { format = "jsonl", annotations = "best" });
        var impossible = await app.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/exports", new { format = "coco" });
        var missingProject = await app.Client.PostAsJsonAsync("/api/v1/projects/999/exports", new { format = "json" });
        var impossibleDirect = await app.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=conll2003");

        Assert.Equal("format", (await format.ExpectProblemAsync(HttpStatusCode.BadRequest))["field"]!.GetValue<string>());
        Assert.Equal("annotations", (await annotations.ExpectProblemAsync(HttpStatusCode.BadRequest))["field"]!.GetValue<string>());
        Assert.Contains("coco", (await impossible.ExpectProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await missingProject.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no <Labels> control", (await impossibleDirect.ExpectProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM export_jobs"));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM audit_events WHERE action LIKE 'export.%'"));
    }

    [Fact]
    public async Task EmptyBody_QueuesTheDefaultJsonExport_AndDownloadWaitsForSuccess()
    {
        await using var app = await TestApp.StartAsync("sqlite", Workers(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();

        var created = await app.Client.PostAsync($"/api/v1/projects/{projectId}/exports", null);
        await created.ExpectAsync(HttpStatusCode.Accepted);
        var job = await created.JsonAsync();
        var early = await app.Client.GetAsync($"/api/v1/projects/{projectId}/exports/{job.Id()}/download");
        var unknown = await app.Client.GetAsync($"/api/v1/projects/{projectId}/exports/{job.Id() + 1}");

        Assert.Equal("json", job["format"]!.GetValue<string>());
        Assert.Equal("all", job["annotations"]!.GetValue<string>());
        Assert.Null(job["download_url"]?.GetValue<string>());
        Assert.Contains("queued", (await early.ExpectProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await unknown.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task StaleClaim_OfADeadWorker_IsTakenOver_AndTheJobFinishesExactlyOnce(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(provider, Workers(enabled: false), s => s.AddSingleton<TimeProvider>(clock));
        var projectId = await AnnotatedProjectAsync(app.Client, 25);
        await app.Client.CreateWebhookAsync(projectId, "http://127.0.0.1:9/hook", EventKinds.ExportFinished);
        var store = app.Services.GetRequiredService<IExportJobStore>();
        var worker = app.Services.GetRequiredService<ExportWorker>();
        var blobs = app.Services.GetRequiredService<IBlobStore>();
        var jobId = (await StartAsync(app.Client, projectId, "jsonl")).Id();

        // A worker claims the job, reports some progress and dies (nothing of it runs any more).
        var dead = await store.ClaimAsync("dead-process", clock.GetUtcNow() + TimeSpan.FromMinutes(1), 3, CancellationToken.None);
        Assert.NotNull(dead);
        Assert.True(await store.HeartbeatAsync(dead, 10, 25, 1234, clock.GetUtcNow() + TimeSpan.FromMinutes(1), CancellationToken.None));
        var running = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/exports/{jobId}");
        Assert.Equal("running", running["state"]!.GetValue<string>());
        Assert.Equal(10, running["progress"]!["tasks_written"]!.GetValue<long>());

        // While its lease holds, nobody else may take the job.
        Assert.False(await worker.RunOnceAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));

        var job = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/exports/{jobId}");
        Assert.Equal("succeeded", job["state"]!.GetValue<string>());
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        Assert.Equal(25, job["progress"]!["tasks_written"]!.GetValue<long>());
        Assert.Equal(await DirectAsync(app.Client, projectId, "jsonl"), await DownloadAsync(app.Client, projectId, jobId));

        // The dead worker coming back finds its claim gone: no progress, no second completion, no second event.
        Assert.False(await store.HeartbeatAsync(dead, 25, 25, 1, clock.GetUtcNow() + TimeSpan.FromMinutes(1), CancellationToken.None));
        var late = await store.CompleteAsync(dead, ExportJobOutcome.Success("exports/late.jsonl", "late.jsonl", "application/x-ndjson", 1, 25), CancellationToken.None);
        Assert.Null(late);
        Assert.False(await store.ReleaseAsync(dead, CancellationToken.None));
        Assert.Equal("succeeded", (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/exports/{jobId}"))["state"]!.GetValue<string>());
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'export.finished'"));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM webhook_deliveries WHERE event = 'export.finished'"));
        Assert.False(await worker.RunOnceAsync(CancellationToken.None));

        // Deleting the job removes its file.
        var key = (await store.GetAsync(projectId, jobId, CancellationToken.None))!.BlobKey!;
        Assert.NotNull(await blobs.GetInfoAsync(key, CancellationToken.None));
        await (await app.Client.DeleteAsync($"/api/v1/projects/{projectId}/exports/{jobId}")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Null(await blobs.GetInfoAsync(key, CancellationToken.None));
        await (await app.Client.GetAsync($"/api/v1/projects/{projectId}/exports/{jobId}/download")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await app.Client.DeleteAsync($"/api/v1/projects/{projectId}/exports/{jobId}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'export.deleted'"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task DeadWorkers_UpToMaxAttempts_FailTheJob_WithOneExportFinished(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(provider, Workers(enabled: false, maxAttempts: 2), s => s.AddSingleton<TimeProvider>(clock));
        var projectId = await AnnotatedProjectAsync(app.Client, 3);
        var store = app.Services.GetRequiredService<IExportJobStore>();
        var worker = app.Services.GetRequiredService<ExportWorker>();
        var jobId = (await StartAsync(app.Client, projectId, "json")).Id();

        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.NotNull(await store.ClaimAsync("dies-" + attempt, clock.GetUtcNow() + TimeSpan.FromMinutes(1), 2, CancellationToken.None));
            clock.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.False(await worker.RunOnceAsync(CancellationToken.None));
        var job = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/exports/{jobId}");
        Assert.Equal("failed", job["state"]!.GetValue<string>());
        Assert.Contains("2 time(s)", job["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await app.Client.GetAsync($"/api/v1/projects/{projectId}/exports/{jobId}/download")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.False(await worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'export.finished'"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task TwoServers_OnOneStore_ShareTheJobs_EachRunOnce(string provider)
    {
        await using var first = await TestApp.StartAsync(provider, Workers());
        await using var second = await first.StartPeerAsync(Workers());
        var projectId = await AnnotatedProjectAsync(first.Client, 30);
        var direct = await DirectAsync(first.Client, projectId, "jsonl");

        var ids = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await StartAsync(i % 2 == 0 ? first.Client : second.Client, projectId, "jsonl")).Id());
        }

        foreach (var id in ids)
        {
            var job = await WaitAsync(second.Client, projectId, id);
            Assert.Equal("succeeded", job["state"]!.GetValue<string>());
            Assert.Equal(1, job["attempts"]!.GetValue<int>());
            Assert.Equal(direct, await DownloadAsync(id % 2 == 0 ? first.Client : second.Client, projectId, id));
        }

        Assert.Equal(8, await first.ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'export.finished'"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task ServerStopping_MidJob_GivesItBack_AndAPeerFinishesIt(string provider)
    {
        // The first server's blob store accepts the upload and then never finishes it, so its job is running when it stops.
        var stalling = new StallingBlobStore();
        await using var first = await TestApp.StartAsync(provider, Workers(), s => s.AddSingleton<IBlobStore>(stalling));
        var projectId = await AnnotatedProjectAsync(first.Client, 50);
        var jobId = (await StartAsync(first.Client, projectId, "csv")).Id();
        await stalling.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("running", (await first.Client.GetJsonAsync($"/api/v1/projects/{projectId}/exports/{jobId}"))["state"]!.GetValue<string>());

        await first.StopAsync();
        var store = first.Services.GetRequiredService<IExportJobStore>();
        var given = await store.GetAsync(projectId, jobId, CancellationToken.None);
        Assert.Equal(ExportJobStates.Queued, given!.State);
        Assert.Equal(0, given.Attempts);

        await using var second = await first.StartPeerAsync(Workers());
        var done = await WaitAsync(second.Client, projectId, jobId);
        Assert.Equal("succeeded", done["state"]!.GetValue<string>());
        Assert.Equal(1, done["attempts"]!.GetValue<int>());
        Assert.Equal(await DirectAsync(second.Client, projectId, "csv"), await DownloadAsync(second.Client, projectId, jobId));
        Assert.Equal(1, await second.ScalarAsync("SELECT count(*) FROM audit_events WHERE action = 'export.finished'"));
    }

    /// <summary>A blob store whose uploads start, read a little, and then wait until cancelled.</summary>
    private sealed class StallingBlobStore : IBlobStore
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<BlobInfo> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken)
        {
            var buffer = new byte[16];
            _ = await content.ReadAsync(buffer, cancellationToken);
            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken) => Task.FromResult<BlobContent?>(null);

        public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) => Task.FromResult<BlobInfo?>(null);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
