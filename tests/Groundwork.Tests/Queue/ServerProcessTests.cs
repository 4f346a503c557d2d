using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Groundwork.Core.Security;
using Groundwork.Data.Stores;
using Groundwork.Hosting;
using Groundwork.Testing;
using Groundwork.Tests.Infrastructure;
using static Groundwork.Tests.Queue.QueueTestKit;

namespace Groundwork.Tests.Queue;

/// <summary>Real <c>groundwork serve</c> processes: two sharing one PostgreSQL database, and one killed with SIGKILL mid-load.</summary>
public sealed class ServerProcessTests
{
    [Fact]
    public async Task TwoServerProcesses_OnOnePostgres_NeverExceedOverlap_NorRepeatAnAnnotator()
    {
        const int annotators = 12;
        const int tasks = 60;
        const int overlap = 3;
        await using var database = await PostgresServer.CreateDatabaseAsync();
        using var folder = new TemporaryFolder();
        await using var first = await ServerProcess.StartAsync(folder.Combine("a"), database.ConnectionString);
        await using var second = await ServerProcess.StartAsync(folder.Combine("b"), database.ConnectionString);
        using var admin = first.CreateClient(TestApp.AdminToken);
        var projectId = await CreateProjectOnAsync(admin, overlap, leaseSeconds: 600);
        await ImportTextsAsync(admin, projectId, tasks);
        var tokens = await CreateAnnotatorsAsync(database.ConnectionString, folder.Path, admin, projectId, annotators);

        var failures = new ConcurrentBag<string>();
        var acknowledged = new ConcurrentBag<(int Annotator, long Task)>();
        await Task.WhenAll(tokens.Select((token, index) => Task.Run(async () =>
        {
            using var viaFirst = first.CreateClient(token);
            using var viaSecond = second.CreateClient(token);
            for (var cycle = 0; ; cycle++)
            {
                // Each annotator alternates between the two processes, so every call races the other server's transactions.
                var client = cycle % 2 == index % 2 ? viaFirst : viaSecond;
                var next = await client.PostAsync($"/api/v1/projects/{projectId}/next", null);
                if (next.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }

                if (next.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"next {(int)next.StatusCode}: {await next.Content.ReadAsStringAsync()}");
                    return;
                }

                var leased = await next.JsonAsync();
                var other = client == viaFirst ? viaSecond : viaFirst;
                var submit = await SubmitAsync(other, projectId, leased, Choice("a"));
                if (submit.StatusCode != HttpStatusCode.Created)
                {
                    failures.Add($"submit {(int)submit.StatusCode}: {await submit.Content.ReadAsStringAsync()}");
                    return;
                }

                acknowledged.Add((index, TaskId(leased)));
            }
        })));

        Assert.True(failures.IsEmpty, string.Join('\n', failures) + "\n" + first.Output + second.Output);
        Assert.Equal(tasks * overlap, acknowledged.Count);
        using var db = new Groundwork.Data.Providers.PostgresDatabase(database.ConnectionString);
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var perTask = (await connection.QueryAsync<(long Task, long Annotations, long Authors)>(
            "SELECT task_id, count(*), count(DISTINCT author_id) FROM annotations WHERE project_id = @projectId GROUP BY task_id",
            new { projectId })).ToList();
        Assert.Equal(tasks, perTask.Count);
        Assert.All(perTask, t =>
        {
            Assert.Equal(overlap, t.Annotations);
            Assert.Equal(overlap, t.Authors);
        });
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM leases WHERE state = 0"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks WHERE lease_count <> 0"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task AcknowledgedAnnotations_SurviveKill9_AndNoLeaseOutlivesItsExpiryAfterRestart(string provider)
    {
        const int annotators = 8;
        await using var database = provider == "postgres" ? await PostgresServer.CreateDatabaseAsync() : null;
        using var folder = new TemporaryFolder();
        var environment = new Dictionary<string, string> { ["Groundwork__Queue__SweepInterval"] = "00:00:00.200" };
        var server = await ServerProcess.StartAsync(folder.Path, database?.ConnectionString, environment);
        long projectId;
        var acknowledged = new ConcurrentBag<long>();
        try
        {
            using var admin = server.CreateClient(TestApp.AdminToken);
            projectId = await CreateProjectOnAsync(admin, overlap: 2, leaseSeconds: 2);
            await ImportTextsAsync(admin, projectId, 5000);
            var tokens = await CreateAnnotatorsAsync(database?.ConnectionString, folder.Path, admin, projectId, annotators);

            using var stop = new CancellationTokenSource();
            var load = tokens.Select(token => Task.Run(async () =>
            {
                using var client = server.CreateClient(token);
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var next = await client.PostAsync($"/api/v1/projects/{projectId}/next", null);
                        if (next.StatusCode != HttpStatusCode.OK)
                        {
                            return;
                        }

                        var submit = await SubmitAsync(client, projectId, await next.JsonAsync(), Choice("b"));
                        if (submit.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add((await submit.JsonAsync()).Id());
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Count < 200 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} annotations were acknowledged before the kill");
        await using var restarted = await ServerProcess.StartAsync(folder.Path, database?.ConnectionString, environment);
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var db = StoreFactory.Open(new StorageOptions { Database = database?.ConnectionString, DataDirectory = folder.Path });
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var stored = (await connection.QueryAsync<long>("SELECT id FROM annotations")).ToHashSet();
        var missing = acknowledged.Where(id => !stored.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged annotations were lost: {string.Join(", ", missing.Take(10))}");
        var overdue = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM leases WHERE state = 0 AND expires_at <= @now", new { now = DateTimeOffset.UtcNow });
        Assert.Equal(0, overdue);
        var drift = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM tasks t WHERE t.lease_count <> (SELECT count(*) FROM leases l WHERE l.task_id = t.id AND l.state = 0)");
        Assert.Equal(0, drift);
        using var check = restarted.CreateClient(TestApp.AdminToken);
        var progress = await check.GetFromJsonAsync<JsonNode>($"/api/v1/projects/{projectId}/progress");
        Assert.Equal(0, progress!["live_leases"]!.GetValue<long>());
    }

    private static async Task<long> CreateProjectOnAsync(HttpClient admin, int overlap, int leaseSeconds)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/projects", new JsonObject
        {
            ["name"] = "processes",
            ["overlap"] = overlap,
            ["lease_seconds"] = leaseSeconds,
            ["label_config"] = ChoiceConfig,
        });
        await response.ExpectAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).Id();
    }

    private static async Task ImportTextsAsync(HttpClient admin, long projectId, int count)
    {
        var body = string.Join('\n', Enumerable.Range(0, count).Select(i => $$$"""{"text":"t{{{i}}}"}"""));
        var response = await admin.PostAsync($"/api/v1/projects/{projectId}/import", new StringContent(body, System.Text.Encoding.UTF8, "application/x-ndjson"));
        await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Creates annotators with tokens straight in the store (the server only reads them), and makes them members through the API.</summary>
    private static async Task<List<string>> CreateAnnotatorsAsync(string? database, string dataDirectory, HttpClient admin, long projectId, int count)
    {
        using var db = StoreFactory.Open(new StorageOptions { Database = database, DataDirectory = dataDirectory });
        var users = new SqlUserStore(db, TimeProvider.System);
        var tokens = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var user = (await users.CreateAsync($"annotator{i}@example.com", $"Annotator {i}", isAdmin: false, CancellationToken.None))!;
            var secret = ApiTokens.Generate();
            await users.AddTokenAsync(user.Id, "load", ApiTokens.DisplayPrefix(secret), ApiTokens.Hash(secret), CancellationToken.None);
            var member = await admin.PutAsJsonAsync($"/api/v1/projects/{projectId}/members/{user.Id}", new { role = "annotator" });
            await member.ExpectAsync(HttpStatusCode.OK);
            tokens.Add(secret);
        }

        return tokens;
    }
}
