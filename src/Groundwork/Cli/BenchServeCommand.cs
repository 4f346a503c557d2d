using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.Core.Security;
using Groundwork.Core.Users;
using Groundwork.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Groundwork.Cli;

/// <summary>
/// <c>groundwork bench serve</c>: simulated annotators over real HTTP doing next → submit cycles against a
/// server started here on a free loopback port (SQLite in a temporary folder, or <c>--db</c>), or against a running
/// server (<c>--server</c> with an admin <c>--token</c>). Prints cycles/s and the p50/p95/p99 latency of each call,
/// then the JSON line. Calls in the warm-up are not counted.
/// </summary>
public static class BenchServeCommand
{
    private const string Result = """[{"id":"r1","from_name":"sentiment","to_name":"text","type":"choices","value":{"choices":["positive"]}}]""";

    public static Command Create()
    {
        var store = new StoreOptionsBinder();
        var annotators = new Option<int>("--annotators") { Description = "Simulated annotators working at once", DefaultValueFactory = _ => 64 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds (after the warm-up)", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds, not counted (under load, tiered compilation needs about half a minute to settle: shorter warm-ups measure a server still partly running its first, unoptimised code)", DefaultValueFactory = _ => 30 };
        var tasks = new Option<int>("--tasks") { Description = "Tasks to import (each cycle uses one place of overlap)", DefaultValueFactory = _ => 300_000 };
        var overlap = new Option<int>("--overlap") { Description = "The project's overlap", DefaultValueFactory = _ => 1 };
        var server = new Option<string?>("--server") { Description = "Drive a running server at this address (http://host:port) instead of starting one (needs --token)" };
        var token = new Option<string?>("--token") { Description = "With --server: an organisation admin's API token" };
        var command = new Command("serve", "Simulated annotators doing next -> submit cycles over HTTP");
        command.Options.Add(annotators);
        command.Options.Add(seconds);
        command.Options.Add(warmup);
        command.Options.Add(tasks);
        command.Options.Add(overlap);
        command.Options.Add(server);
        command.Options.Add(token);
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var run = new Run(parse.GetValue(annotators), parse.GetValue(seconds), parse.GetValue(warmup), parse.GetValue(tasks), parse.GetValue(overlap));
            if (parse.GetValue(server) is { } serverText)
            {
                if (!Uri.TryCreate(serverText, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
                {
                    await Console.Error.WriteLineAsync($"--server must be an http(s) address such as http://127.0.0.1:8080, not '{serverText}'");
                    return 2;
                }

                var adminToken = parse.GetValue(token);
                if (string.IsNullOrEmpty(adminToken))
                {
                    await Console.Error.WriteLineAsync("--server needs --token: an organisation admin's API token");
                    return 2;
                }

                return await RunRemoteAsync(run, address, adminToken, cancellationToken);
            }

            using var workspace = BenchWorkspace.Create(store.Read(parse));
            return await RunAsync(run, workspace, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Run run, BenchWorkspace workspace, CancellationToken cancellationToken)
    {
        var adminToken = ApiTokens.Generate();
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{StorageOptions.Section}:DataDirectory"] = workspace.Folder,
            [$"{StorageOptions.Section}:Database"] = workspace.Options.Database,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var builder = GroundworkServer.CreateBuilder([], settings);
        builder.Services.AddSingleton<TextWriter>(TextWriter.Null);
        await using var app = GroundworkServer.Build(builder);
        await GroundworkServer.InitializeAsync(app.Services, cancellationToken);

        // The admin (created now on an empty store, or already there in a reused database) gets a fresh token for this run.
        var users = app.Services.GetRequiredService<IUserStore>();
        var firstAdmin = await users.GetFirstAdminAsync(cancellationToken) ?? throw new InvalidOperationException("the store has no admin");
        await users.AddTokenAsync(firstAdmin.Id, "bench serve", ApiTokens.DisplayPrefix(adminToken), ApiTokens.Hash(adminToken), cancellationToken);
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var admin = Client(handler, address, adminToken);
        var projectId = await SetUpProjectAsync(admin, run, cancellationToken);
        var tokens = await CreateAnnotatorsAsync(app.Services.GetRequiredService<IUserStore>(), admin, projectId, run.Annotators, cancellationToken);
        var provider = string.IsNullOrEmpty(workspace.Options.Database) ? "sqlite" : "postgres";
        var code = await DriveAsync(run, handler, address, tokens, projectId, provider, cancellationToken);
        await app.StopAsync(cancellationToken);
        return code;
    }

    private static async Task<int> RunRemoteAsync(Run run, Uri address, string adminToken, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var admin = Client(handler, address, adminToken);
        using var health = await admin.GetAsync("/healthz", cancellationToken);
        health.EnsureSuccessStatusCode();
        var projectId = await SetUpProjectAsync(admin, run, cancellationToken);
        var tokens = await CreateRemoteAnnotatorsAsync(handler, address, admin, projectId, run.Annotators, cancellationToken);
        var provider = $"the server at {address}";
        return await DriveAsync(run, handler, address, tokens, projectId, provider, cancellationToken);
    }

    private static async Task<int> DriveAsync(
        Run run, HttpMessageHandler handler, Uri address, IReadOnlyList<string> tokens, long projectId, string provider, CancellationToken cancellationToken)
    {

        var samples = tokens.Select(_ => new Samples()).ToArray();
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(run.Warmup * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(run.Seconds * Stopwatch.Frequency);
        var cpuAtStart = TimeSpan.Zero;
        var cpuProbe = Task.Run(async () =>
        {
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom), cancellationToken);
            cpuAtStart = CurrentProcessorTime();
        }, cancellationToken);
        await Task.WhenAll(tokens.Select((token, i) => Task.Run(() => AnnotateAsync(handler, address, token, projectId, samples[i], measureFrom, stopAt, cancellationToken), cancellationToken)));
        await cpuProbe;
        var cpuSeconds = (CurrentProcessorTime() - cpuAtStart).TotalSeconds;
        var measured = Stopwatch.GetElapsedTime(measureFrom, Math.Min(Stopwatch.GetTimestamp(), stopAt)).TotalSeconds;

        var next = samples.SelectMany(s => s.Next).Order().ToArray();
        var submit = samples.SelectMany(s => s.Submit).Order().ToArray();
        var cycles = samples.Sum(s => s.Cycles);
        var errors = samples.Sum(s => s.Errors);
        var ranDry = samples.Any(s => s.RanDry);
        var rate = cycles / measured;
        BenchReport.Print(
            $"bench serve: {run.Annotators} annotators, {measured:F1} s measured on {provider}",
            [
                ("cycles (next + submit)", $"{cycles:N0} ({rate:N0} cycles/s)"),
                ("next latency", Describe(next)),
                ("submit latency", Describe(submit)),
                ("process CPU per cycle", FormattableString.Invariant($"{(cycles == 0 ? 0 : cpuSeconds * 1e6 / cycles):N0} µs ({cpuSeconds:F1} CPU-s; this process only: with --server the server's CPU is not counted)")),
                ("errors", errors.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
                ("queue", ranDry ? "ran out of tasks before the end: raise --tasks" : "never empty"),
            ],
            new Dictionary<string, object>
            {
                ["bench"] = "serve",
                ["provider"] = provider,
                ["annotators"] = run.Annotators,
                ["seconds"] = BenchReport.Round(measured, 2),
                ["cycles"] = cycles,
                ["cycles_per_second"] = Math.Round(rate),
                ["next_p50_ms"] = Percentile(next, 0.50),
                ["next_p95_ms"] = Percentile(next, 0.95),
                ["next_p99_ms"] = Percentile(next, 0.99),
                ["submit_p50_ms"] = Percentile(submit, 0.50),
                ["submit_p95_ms"] = Percentile(submit, 0.95),
                ["submit_p99_ms"] = Percentile(submit, 0.99),
                ["process_cpu_us_per_cycle"] = cycles == 0 ? 0 : Math.Round(cpuSeconds * 1e6 / cycles),
                ["errors"] = errors,
                ["ran_dry"] = ranDry,
            });
        return errors == 0 ? 0 : 1;
    }

    private static async Task AnnotateAsync(
        HttpMessageHandler handler, Uri address, string token, long projectId, Samples samples, long measureFrom, long stopAt, CancellationToken cancellationToken)
    {
        using var client = Client(handler, address, token);
        var nextPath = $"/api/v1/projects/{projectId}/next";
        while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var next = await client.PostAsync(nextPath, null, cancellationToken);
            var t1 = Stopwatch.GetTimestamp();
            if (next.StatusCode == HttpStatusCode.NoContent)
            {
                samples.RanDry = true;
                return;
            }

            if (next.StatusCode != HttpStatusCode.OK)
            {
                samples.Errors++;
                continue;
            }

            // The load generator keeps its own cost low (no DOM, no string per body) so the machine's cores go to the server.
            var (leaseId, taskId) = LeaseOf(await next.Content.ReadAsByteArrayAsync(cancellationToken));
            var t2 = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(SubmitBody(leaseId));
            content.Headers.ContentType = JsonType;
            using var submit = await client.PostAsync($"/api/v1/projects/{projectId}/tasks/{taskId}/annotations", content, cancellationToken);
            var t3 = Stopwatch.GetTimestamp();
            if (submit.StatusCode != HttpStatusCode.Created)
            {
                samples.Errors++;
                continue;
            }

            if (t0 >= measureFrom && t3 <= stopAt)
            {
                samples.Next.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                samples.Submit.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
                samples.Cycles++;
            }
        }
    }

    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    private static readonly byte[] SubmitPrefix = Encoding.UTF8.GetBytes($$"""{"result":{{Result}},"lead_time":1.0,"lease_id":""");

    private static byte[] SubmitBody(long leaseId)
    {
        Span<byte> digits = stackalloc byte[20];
        leaseId.TryFormat(digits, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[SubmitPrefix.Length + written + 1];
        SubmitPrefix.CopyTo(body, 0);
        digits[..written].CopyTo(body.AsSpan(SubmitPrefix.Length));
        body[^1] = (byte)'}';
        return body;
    }

    /// <summary>The lease id and task id of a <c>/next</c> answer, read without building a document.</summary>
    internal static (long LeaseId, long TaskId) LeaseOf(ReadOnlySpan<byte> json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json);
        long leaseId = 0, taskId = 0;
        while (reader.Read())
        {
            if (reader.TokenType != System.Text.Json.JsonTokenType.PropertyName || reader.CurrentDepth > 2)
            {
                continue;
            }

            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("lease_id"u8))
            {
                reader.Read();
                leaseId = reader.GetInt64();
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("task"u8))
            {
                reader.Read();
                while (reader.Read() && reader.CurrentDepth > 1)
                {
                    if (reader.CurrentDepth == 2 && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.ValueTextEquals("id"u8))
                    {
                        reader.Read();
                        taskId = reader.GetInt64();
                    }
                    else if (reader.TokenType is System.Text.Json.JsonTokenType.StartObject or System.Text.Json.JsonTokenType.StartArray && reader.CurrentDepth >= 2)
                    {
                        reader.Skip();
                    }
                }
            }
        }

        return leaseId != 0 && taskId != 0 ? (leaseId, taskId) : throw new InvalidOperationException("the /next answer has no lease_id or task id");
    }

    private static async Task<long> SetUpProjectAsync(HttpClient admin, Run run, CancellationToken cancellationToken)
    {
        var created = await admin.PostAsJsonAsync(
            "/api/v1/projects",
            new JsonObject { ["name"] = "bench serve", ["overlap"] = run.Overlap, ["label_config"] = BenchCommand.BenchConfig },
            cancellationToken);
        created.EnsureSuccessStatusCode();
        var projectId = (await created.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["id"]!.GetValue<long>();
        var body = new StringBuilder(run.Tasks * 40);
        for (var i = 0; i < run.Tasks; i++)
        {
            body.Append("{\"text\":\"bench task ").Append(i).Append(" with a short sentence to label\"}\n");
        }

        using var import = await admin.PostAsync(
            $"/api/v1/projects/{projectId}/import", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"), cancellationToken);
        import.EnsureSuccessStatusCode();
        return projectId;
    }

    private static async Task<List<string>> CreateAnnotatorsAsync(IUserStore users, HttpClient admin, long projectId, int count, CancellationToken cancellationToken)
    {
        var tokens = new List<string>(count);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < count; i++)
        {
            var user = await users.CreateAsync($"bench-{suffix}-{i}@example.com", $"Bench annotator {i}", isAdmin: false, cancellationToken)
                ?? throw new InvalidOperationException("bench user exists");
            var secret = ApiTokens.Generate();
            await users.AddTokenAsync(user.Id, "bench", ApiTokens.DisplayPrefix(secret), ApiTokens.Hash(secret), cancellationToken);
            using var member = await admin.PutAsJsonAsync($"/api/v1/projects/{projectId}/members/{user.Id}", new JsonObject { ["role"] = "annotator" }, cancellationToken);
            member.EnsureSuccessStatusCode();
            tokens.Add(secret);
        }

        return tokens;
    }

    /// <summary>
    /// Annotators on a remote server, the way a person gets them: the admin creates the user with a password, the
    /// user signs in (cookie and anti-forgery token) and creates an API token for the simulated annotator.
    /// </summary>
    private static async Task<List<string>> CreateRemoteAnnotatorsAsync(HttpMessageHandler handler, Uri address, HttpClient admin, long projectId, int count, CancellationToken cancellationToken)
    {
        var tokens = new List<string>(count);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = address };
        for (var i = 0; i < count; i++)
        {
            var email = $"bench-{suffix}-{i}@example.com";
            var password = ApiTokens.Generate();
            using var created = await admin.PostAsJsonAsync("/api/v1/users", new JsonObject { ["email"] = email, ["name"] = $"Bench annotator {i}", ["password"] = password }, cancellationToken);
            created.EnsureSuccessStatusCode();
            var userId = (await created.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["id"]!.GetValue<long>();
            using var signIn = await SignInAsync(anonymous, email, password, cancellationToken);
            signIn.EnsureSuccessStatusCode();
            var csrf = (await signIn.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["csrf_token"]!.GetValue<string>();
            var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new JsonObject { ["name"] = "bench" }) };
            request.Headers.Add("Cookie", cookies);
            request.Headers.Add("X-CSRF-Token", csrf);
            using var token = await anonymous.SendAsync(request, cancellationToken);
            token.EnsureSuccessStatusCode();
            tokens.Add((await token.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["token"]!.GetValue<string>());
            using var member = await admin.PutAsJsonAsync($"/api/v1/projects/{projectId}/members/{userId}", new JsonObject { ["role"] = "annotator" }, cancellationToken);
            member.EnsureSuccessStatusCode();
        }

        return tokens;
    }

    /// <summary>Signs in, waiting out the server's sign-in rate limit (429 with Retry-After) as a person would.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient anonymous, string email, string password, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new JsonObject { ["email"] = email, ["password"] = password }, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
            response.Dispose();
            await Console.Error.WriteLineAsync(FormattableString.Invariant(
                $"bench serve: the server limits sign-ins per address; waiting {wait.TotalSeconds:F0} s (raise Groundwork:RateLimits:SignInPerAddress on a test server to skip this)"));
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static HttpClient Client(HttpMessageHandler handler, Uri address, string token)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        return client;
    }

    private static TimeSpan CurrentProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string Describe(double[] sorted) => sorted.Length == 0
        ? "no samples"
        : FormattableString.Invariant($"p50 {Percentile(sorted, 0.50):F2} ms, p95 {Percentile(sorted, 0.95):F2} ms, p99 {Percentile(sorted, 0.99):F2} ms");

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : BenchReport.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);

    private sealed record Run(int Annotators, int Seconds, int Warmup, int Tasks, int Overlap);

    private sealed class Samples
    {
        public List<double> Next { get; } = new(100_000);

        public List<double> Submit { get; } = new(100_000);

        public long Cycles { get; set; }

        public long Errors { get; set; }

        public bool RanDry { get; set; }
    }
}
