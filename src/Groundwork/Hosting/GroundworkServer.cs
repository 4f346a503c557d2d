using System.Text.Json;
using Groundwork.Api;
using Groundwork.Core;
using Groundwork.Core.Annotations;
using Groundwork.Core.Events;
using Groundwork.Core.Export;
using Groundwork.Core.Projects;
using Groundwork.Core.Queue;
using Groundwork.Core.Tasks;
using Groundwork.Core.Users;
using Groundwork.Core.Storage;
using Groundwork.Data;
using Groundwork.Data.Events;
using Groundwork.Data.Stores;
using Groundwork.Demo;
using Groundwork.Consensus;
using Groundwork.Core.Quality;
using Groundwork.Errors;
using Groundwork.Exports;
using Groundwork.Queue;
using Groundwork.Security;
using Groundwork.Webhooks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace Groundwork.Hosting;

/// <summary>Builds the Groundwork web host: services, the HTTP pipeline and the API's endpoint groups.</summary>
public static class GroundworkServer
{
    /// <summary>Creates the host builder with Groundwork's services registered; <paramref name="settings"/> override configuration.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // No file watching: the content root is the working directory, which usually holds the data folder, and a
        // watcher there would wake up on every SQLite write.
        string[] hostArgs = [.. args, "--hostBuilder:reloadConfigOnChange=false"];
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(EnvironmentSettings());
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        AddGroundwork(builder.Services);
        return builder;
    }

    public static void AddGroundwork(IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebUiOptions>().BindConfiguration(WebUiOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.Token) || o.Token.Length >= Core.Security.ApiTokens.MinimumLength,
                $"GROUNDWORK_BOOTSTRAP_TOKEN must have at least {Core.Security.ApiTokens.MinimumLength} characters")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GroundworkDatabase>(sp => StoreFactory.Open(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BlobOptions>().BindConfiguration(BlobOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BlobOptions>, BlobOptionsValidator>();
        services.AddSingleton<IBlobStore>(sp => BlobStoreFactory.Open(sp.GetRequiredService<IOptions<BlobOptions>>().Value, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IMediaVisibility, SqlMediaVisibility>();
        services.AddSingleton<IProjectStore, SqlProjectStore>();
        services.AddSingleton<ITaskStore, SqlTaskStore>();
        services.AddSingleton<IAnnotationStore, SqlAnnotationStore>();
        services.AddSingleton<Core.Reviews.IReviewStore, SqlReviewStore>();
        services.AddSingleton<IUserStore, SqlUserStore>();
        services.AddSingleton<IExportSource, SqlExportSource>();
        AddExportJobs(services);
        services.AddSingleton<IStoreHealth, SqlStoreHealth>();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IGoldDraw, RandomGoldDraw>();
        services.AddSingleton<IWorkQueue, SqlWorkQueue>();
        services.AddSingleton<IGoldStore, SqlGoldStore>();
        services.AddSingleton<IProjectProgressReader, SqlProjectProgressReader>();
        services.AddSingleton<IProjectStatsReader, SqlProjectStatsReader>();
        services.AddOptions<ConsensusOptions>().BindConfiguration(ConsensusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IConsensusStore, SqlConsensusStore>();
        services.AddSingleton<ConsensusWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsensusWorker>());
        services.AddSingleton<QueueMetrics>();
        services.AddHostedService<LeaseSweeper>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(QueueMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        services.AddSingleton<IWebhookStore, SqlWebhookStore>();
        services.AddSingleton<IAuditLog, SqlAuditLog>();
        services.AddSingleton(sp => new ChangeJournal(sp.GetRequiredService<GroundworkDatabase>(), sp.GetRequiredService<TimeProvider>()));
        AddWebhooks(services);
        services.AddSingleton<ProjectAccess>();
        services.AddSingleton<AnnotationResultCheck>();
        services.AddSingleton(sp => new AdminBootstrapper(sp.GetRequiredService<IUserStore>(), sp.GetService<TextWriter>() ?? Console.Out));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DemoSeeder>(sp, sp.GetService<TextWriter>() ?? Console.Out));
        services.AddMemoryCache();
        services.AddDataProtection();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "keys")),
                sp.GetRequiredService<ILoggerFactory>())));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.MaxDepth = 64;
        });
        AddAccounts(services);
        services.AddOpenApi(o => o.AddDocumentTransformer<TokenSecurityTransformer>());
    }

    /// <summary>Background export jobs: the job store and the worker, its options checked at start.</summary>
    private static void AddExportJobs(IServiceCollection services)
    {
        services.AddOptions<ExportJobOptions>().BindConfiguration(ExportJobOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Check() is null, "Groundwork:Exports:ProgressInterval must be at most a third of LeaseDuration, so a live worker renews its lease in time")
            .ValidateOnStart();
        services.AddSingleton<IExportJobStore, SqlExportJobStore>();
        services.AddSingleton<ExportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportWorker>());
    }

    /// <summary>The outbox dispatcher: options checked at start, a named HTTP client that never follows redirects.</summary>
    private static void AddWebhooks(IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<WebhookSecrets>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = new WebhookConnector(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks).ConnectAsync,
            })
            .RemoveAllLoggers();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
    }

    /// <summary>
    /// Users, passwords, sessions and tokens: the default scheme picks API tokens when an Authorization header is present,
    /// else the <c>gw_session</c> cookie; cookie requests that change things need the anti-forgery header; rate limits.
    /// </summary>
    public static void AddAccounts(IServiceCollection services)
    {
        services.AddOptions<SessionCookieOptions>().BindConfiguration(SessionCookieOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Passwords>();
        services.AddSingleton<CredentialCache>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<SessionCookieEvents>();
        services.AddAuthentication(GroundworkClaims.PolicyScheme)
            .AddPolicyScheme(GroundworkClaims.PolicyScheme, "API token or session cookie", o =>
            {
                o.ForwardDefaultSelector = context => string.IsNullOrEmpty(context.Request.Headers.Authorization) ? GroundworkClaims.SessionScheme : GroundworkClaims.Scheme;
                o.ForwardChallenge = GroundworkClaims.Scheme;
                o.ForwardForbid = GroundworkClaims.Scheme;
            })
            .AddScheme<TokenAuthenticationOptions, TokenAuthenticationHandler>(GroundworkClaims.Scheme, _ => { })
            .AddCookie(GroundworkClaims.SessionScheme, o =>
            {
                o.Cookie.Name = SessionCookieOptions.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.Path = "/";
                o.SlidingExpiration = true;
                o.EventsType = typeof(SessionCookieEvents);
            });
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>>(sp => new ConfigureNamedOptions<CookieAuthenticationOptions>(GroundworkClaims.SessionScheme, o =>
        {
            var sessions = sp.GetRequiredService<IOptions<SessionCookieOptions>>().Value;
            o.Cookie.SecurePolicy = sessions.SecurePolicy;
            o.Cookie.SameSite = sessions.SameSite;
            o.ExpireTimeSpan = sessions.IdleTimeout;
        }));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = SessionCookieOptions.AntiforgeryHeaderName;
            o.Cookie.Name = SessionCookieOptions.AntiforgeryCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // IAntiforgery refuses to run at all over plain HTTP with SecurePolicy=Always, and http://localhost must work:
        // its cookie is Secure whenever the request is HTTPS (the session cookie itself keeps Always).
        services.AddSingleton<IConfigureOptions<AntiforgeryOptions>>(sp => new ConfigureOptions<AntiforgeryOptions>(o =>
            o.Cookie.SecurePolicy = sp.GetRequiredService<IOptions<SessionCookieOptions>>().Value.SecurePolicy == CookieSecurePolicy.None
                ? CookieSecurePolicy.None
                : CookieSecurePolicy.SameAsRequest));
        services.AddAuthorizationBuilder()
            .AddPolicy(GroundworkClaims.AdminPolicy, p => p.RequireAuthenticatedUser().RequireClaim(GroundworkClaims.Admin, "true"));
        services.AddGroundworkRateLimiting();
    }

    /// <summary>Builds the app and maps the pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<ActorMiddleware>();
        app.UseMiddleware<CsrfProtectionMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Groundwork API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthApi();
        app.MapProjectsApi();
        app.MapLabelConfigApi();
        app.MapTasksApi();
        app.MapImportApi(app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.MaxImportBytes);
        app.MapMediaApi();
        app.MapAnnotationsApi();
        app.MapQueueApi();
        app.MapMembersApi();
        app.MapGoldApi();
        app.MapProgressApi();
        app.MapConsensusApi();
        app.MapReviewsApi();
        app.MapExportApi();
        app.MapExportJobsApi();
        app.MapWebhooksApi();
        app.MapAuditApi();
        app.MapAuthApi();
        app.MapMeApi();
        app.MapUsersApi();
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            app.MapDemoApi(); // only with --demo: anyone may sign in as the demo user
        }

        app.UseGroundworkWebUi();
        return app;
    }

    /// <summary>
    /// Migrates the store (SQLite always, PostgreSQL when enabled), creates the first admin on an empty store, and in
    /// demo mode seeds the sample projects.
    /// </summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var db = services.GetRequiredService<GroundworkDatabase>();
        if (db.Provider == DatabaseProvider.Sqlite || storage.MigrateOnStart)
        {
            db.Migrate();
        }

        var bootstrap = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        await services.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync(bootstrap, cancellationToken);
        if (services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    /// <summary>Maps GROUNDWORK_* environment variables onto configuration keys.</summary>
    public static Dictionary<string, string?> EnvironmentSettings() => EnvironmentSettings(Environment.GetEnvironmentVariable);

    /// <summary>
    /// Maps GROUNDWORK_* variables read through <paramref name="environment"/> onto configuration keys. The secrets
    /// (GROUNDWORK_DB, GROUNDWORK_BOOTSTRAP_TOKEN, GROUNDWORK_S3_ACCESS_KEY, GROUNDWORK_S3_SECRET_KEY) may instead come
    /// from files named by the same variables with _FILE (GROUNDWORK_DB_FILE ...).
    /// </summary>
    public static Dictionary<string, string?> EnvironmentSettings(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        Secret("GROUNDWORK_DB", $"{StorageOptions.Section}:Database");
        Map("GROUNDWORK_DATA_DIR", $"{StorageOptions.Section}:DataDirectory");
        Map("GROUNDWORK_MIGRATE", $"{StorageOptions.Section}:MigrateOnStart");
        Secret("GROUNDWORK_BOOTSTRAP_TOKEN", $"{BootstrapOptions.Section}:Token");
        Map("GROUNDWORK_MEDIA_ORIGINS", $"{WebUiOptions.Section}:MediaOrigins");
        Map("GROUNDWORK_BLOB_STORE", $"{BlobOptions.Section}:Provider");
        Map("GROUNDWORK_S3_ENDPOINT", $"{BlobOptions.Section}:Endpoint");
        Map("GROUNDWORK_S3_BUCKET", $"{BlobOptions.Section}:Bucket");
        Map("GROUNDWORK_S3_REGION", $"{BlobOptions.Section}:Region");
        Map("GROUNDWORK_S3_PREFIX", $"{BlobOptions.Section}:Prefix");
        Secret("GROUNDWORK_S3_ACCESS_KEY", $"{BlobOptions.Section}:AccessKey");
        Secret("GROUNDWORK_S3_SECRET_KEY", $"{BlobOptions.Section}:SecretKey");
        return settings;

        void Map(string variable, string key)
        {
            var value = environment(variable);
            if (!string.IsNullOrEmpty(value))
            {
                settings[key] = value;
            }
        }

        void Secret(string variable, string key)
        {
            if (EnvironmentSecrets.Read(variable, environment) is { } value)
            {
                settings[key] = value;
            }
        }
    }
}
