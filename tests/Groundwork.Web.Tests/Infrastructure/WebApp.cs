using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Groundwork.Core.Projects;
using Groundwork.Core.Security;
using Groundwork.Core.Users;
using Groundwork.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>
/// A Groundwork server on a real Kestrel port (browsers cannot reach ASP.NET Core's in-memory test server) over a
/// fresh SQLite store in a temporary folder, with the bootstrap admin's token known to the test.
/// </summary>
public sealed class WebApp : IAsyncDisposable
{
    public const string AdminToken = "gw_web-test-admin-token-0123456789";

    private readonly WebApplication _app;
    private readonly string _folder;

    private WebApp(WebApplication app, string folder, Uri baseUrl)
    {
        _app = app;
        _folder = folder;
        BaseUrl = baseUrl;
        Api = new HttpClient { BaseAddress = baseUrl };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", AdminToken);
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>An API client holding the admin token.</summary>
    public HttpClient Api { get; }

    /// <summary>The server's services (stores), for arranging what the API cannot, such as other users' tokens.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server; <paramref name="extraSettings"/> add configuration (e.g. demo mode).</summary>
    public static async Task<WebApp> StartAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "groundwork-web-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{StorageOptions.Section}:DataDirectory"] = folder,
            [$"{BootstrapOptions.Section}:Token"] = AdminToken,
            ["urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = GroundworkServer.CreateBuilder([], settings);
        builder.Services.AddSingleton<TextWriter>(TextWriter.Null);
        var app = GroundworkServer.Build(builder);
        // Media for audio tasks, from the same origin as the UI (the page's policy allows no other).
        app.MapGet("/test-media/tone.wav", () => Microsoft.AspNetCore.Http.Results.Bytes(TestMedia.Wav(seconds: 2), "audio/wav"));
        await GroundworkServer.InitializeAsync(app.Services, CancellationToken.None);
        await app.StartAsync();
        var address = app.Urls.First();
        return new WebApp(app, folder, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    /// <summary>A new user with an API token, made a member of the project in <paramref name="role"/>, and a client holding the token.</summary>
    public async Task<(long Id, HttpClient Client, string Token)> AddMemberAsync(long projectId, string email, ProjectRole role)
    {
        var users = Services.GetRequiredService<IUserStore>();
        var user = await users.CreateAsync(email, email, isAdmin: false, CancellationToken.None) ?? throw new InvalidOperationException($"{email} exists");
        var secret = ApiTokens.Generate();
        await users.AddTokenAsync(user.Id, "web test", ApiTokens.DisplayPrefix(secret), ApiTokens.Hash(secret), CancellationToken.None);
        await Services.GetRequiredService<IProjectStore>().SetMemberAsync(projectId, user.Id, role, CancellationToken.None);
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", secret);
        return (user.Id, client, secret);
    }

    /// <summary>
    /// Takes the client's next task from the queue and submits a single choice for it (control <paramref name="fromName"/>
    /// on object <paramref name="toName"/>), the choice picked by task id; returns the task id.
    /// </summary>
    public static async Task<long> SubmitNextChoiceAsync(HttpClient client, long projectId, string fromName, string toName, Func<long, string> choice, double leadTime = 2.0)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(choice);
        using var next = await client.PostAsync($"api/v1/projects/{projectId}/next", null);
        next.EnsureSuccessStatusCode();
        using var leased = JsonDocument.Parse(await next.Content.ReadAsStringAsync());
        var taskId = leased.RootElement.GetProperty("task").GetProperty("id").GetInt64();
        var result = new[] { new { id = "r1", from_name = fromName, to_name = toName, type = "choices", value = new { choices = new[] { choice(taskId) } } } };
        using var submit = await client.PostAsJsonAsync(
            $"api/v1/projects/{projectId}/tasks/{taskId}/annotations", new { result, lead_time = leadTime, lease_id = leased.RootElement.GetProperty("lease_id").GetInt64() });
        submit.EnsureSuccessStatusCode();
        return taskId;
    }

    /// <summary>Creates a project through the API and returns its id.</summary>
    public async Task<long> CreateProjectAsync(string name, string labelConfig, string instructions = "")
    {
        using var response = await Api.PostAsJsonAsync("api/v1/projects", new { name, label_config = labelConfig, instructions });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Imports tasks (JSON array) and returns the ids of the project's tasks in order.</summary>
    public async Task<long[]> ImportAsync(long projectId, object tasks)
    {
        using var response = await Api.PostAsJsonAsync($"api/v1/projects/{projectId}/import", tasks);
        response.EnsureSuccessStatusCode();
        using var page = JsonDocument.Parse(await Api.GetStringAsync($"api/v1/projects/{projectId}/tasks?limit=1000"));
        return page.RootElement.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToArray();
    }

    /// <summary>The annotations of a task, as the API returns them.</summary>
    public async Task<JsonElement> AnnotationsAsync(long projectId, long taskId)
    {
        var json = await Api.GetStringAsync($"api/v1/projects/{projectId}/tasks/{taskId}/annotations");
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement.Clone();
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items) ? items : root;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
