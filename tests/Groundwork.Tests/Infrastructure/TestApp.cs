using System.Net.Http.Headers;
using Groundwork.Core.Security;
using Groundwork.Core.Users;
using Groundwork.Hosting;
using Groundwork.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Infrastructure;

/// <summary>
/// A Groundwork server in memory (the real pipeline, on ASP.NET Core's test server) over a fresh store of
/// the given provider: a temporary SQLite folder, or a new database on the real PostgreSQL server.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string AdminToken = "gw_test-admin-token-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly TemporaryDatabase? _database;
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsStore;
    private bool _stopped;

    private TestApp(WebApplication app, string folder, TemporaryDatabase? database, string provider, Dictionary<string, string?> settings, bool ownsStore)
    {
        _app = app;
        _folder = folder;
        _database = database;
        _settings = settings;
        _ownsStore = ownsStore;
        Provider = provider;
        Client = CreateClient(AdminToken);
    }

    /// <summary>The providers every storage and API test runs on.</summary>
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public string Provider { get; }

    /// <summary>A client signed in as the bootstrap admin.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The server's data folder (SQLite file, local blobs, spool).</summary>
    public string DataDirectory => _folder;

    public static async Task<TestApp> StartAsync(
        string provider, IReadOnlyDictionary<string, string?>? extraSettings = null, Action<IServiceCollection>? configureServices = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "groundwork-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        TemporaryDatabase? database = null;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{StorageOptions.Section}:DataDirectory"] = folder,
            [$"{BootstrapOptions.Section}:Token"] = AdminToken,
        };
        if (provider == "postgres")
        {
            database = await PostgresServer.CreateDatabaseAsync();
            settings[$"{StorageOptions.Section}:Database"] = database.ConnectionString;
        }

        if (extraSettings is not null)
        {
            foreach (var (key, value) in extraSettings)
            {
                settings[key] = value;
            }
        }

        var app = await BuildAndStartAsync(settings, configureServices);
        return new TestApp(app, folder, database, provider, settings, ownsStore: true);
    }

    /// <summary>
    /// Another server on the same store and data folder (so the same data-protection keys), as a second
    /// process sharing one database would be, or a restart of this one. It leaves the store in place when disposed.
    /// </summary>
    public async Task<TestApp> StartPeerAsync(IReadOnlyDictionary<string, string?>? extraSettings = null, Action<IServiceCollection>? configureServices = null)
    {
        var settings = new Dictionary<string, string?>(_settings, StringComparer.Ordinal);
        if (extraSettings is not null)
        {
            foreach (var (key, value) in extraSettings)
            {
                settings[key] = value;
            }
        }

        var app = await BuildAndStartAsync(settings, configureServices);
        return new TestApp(app, _folder, null, Provider, settings, ownsStore: false);
    }

    /// <summary>Stops the server (its background workers too) but keeps the store for a peer; disposing later cleans up.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    private static async Task<WebApplication> BuildAndStartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        var builder = GroundworkServer.CreateBuilder([], settings);
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TextWriter>(TextWriter.Null);
        configureServices?.Invoke(builder.Services);
        var app = GroundworkServer.Build(builder);
        await GroundworkServer.InitializeAsync(app.Services, CancellationToken.None);
        await app.StartAsync();
        return app;
    }

    /// <summary>A client that sends the given token (or none).</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = _app.GetTestClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        }

        return client;
    }

    /// <summary>Creates a user (not an admin) and returns a client holding a fresh token of theirs.</summary>
    public async Task<(User User, HttpClient Client)> CreateUserAsync(string email)
    {
        var users = Services.GetRequiredService<IUserStore>();
        var user = await users.CreateAsync(email, email, isAdmin: false, CancellationToken.None)
            ?? throw new InvalidOperationException($"{email} exists");
        var secret = ApiTokens.Generate();
        await users.AddTokenAsync(user.Id, "test", ApiTokens.DisplayPrefix(secret), ApiTokens.Hash(secret), CancellationToken.None);
        return (user, CreateClient(secret));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
        if (!_ownsStore)
        {
            return;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

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
