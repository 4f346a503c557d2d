using System.Text.Json;
using Groundwork.Api;
using Groundwork.Core;
using Groundwork.Core.Annotations;
using Groundwork.Core.Export;
using Groundwork.Core.Projects;
using Groundwork.Core.Queue;
using Groundwork.Core.Tasks;
using Groundwork.Core.Users;
using Groundwork.Data;
using Groundwork.Data.Stores;
using Groundwork.Errors;
using Groundwork.Queue;
using Groundwork.Security;
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
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.Token) || o.Token.Length >= Core.Security.ApiTokens.MinimumLength,
                $"GROUNDWORK_BOOTSTRAP_TOKEN must have at least {Core.Security.ApiTokens.MinimumLength} characters")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GroundworkDatabase>(sp => StoreFactory.Open(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IProjectStore, SqlProjectStore>();
        services.AddSingleton<ITaskStore, SqlTaskStore>();
        services.AddSingleton<IAnnotationStore, SqlAnnotationStore>();
        services.AddSingleton<IUserStore, SqlUserStore>();
        services.AddSingleton<IExportSource, SqlExportSource>();
        services.AddSingleton<IStoreHealth, SqlStoreHealth>();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IGoldDraw, RandomGoldDraw>();
        services.AddSingleton<IWorkQueue, SqlWorkQueue>();
        services.AddSingleton<IGoldStore, SqlGoldStore>();
        services.AddSingleton<IProjectProgressReader, SqlProjectProgressReader>();
        services.AddSingleton<QueueMetrics>();
        services.AddHostedService<LeaseSweeper>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(QueueMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        services.AddSingleton<ProjectAccess>();
        services.AddSingleton<AnnotationResultCheck>();
        services.AddSingleton(sp => new AdminBootstrapper(sp.GetRequiredService<IUserStore>(), sp.GetService<TextWriter>() ?? Console.Out));
        services.AddMemoryCache();
        services.AddDataProtection();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "keys")),
                sp.GetRequiredService<ILoggerFactory>())));

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.MaxDepth = 64;
        });
        services.AddAuthentication(GroundworkClaims.Scheme)
            .AddScheme<TokenAuthenticationOptions, TokenAuthenticationHandler>(GroundworkClaims.Scheme, _ => { });
        services.AddAuthorization();
        services.AddOpenApi(o => o.AddDocumentTransformer<TokenSecurityTransformer>());
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
        app.UseAuthorization();

        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Groundwork API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthApi();
        app.MapProjectsApi();
        app.MapLabelConfigApi();
        app.MapTasksApi();
        app.MapImportApi(app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.MaxImportBytes);
        app.MapAnnotationsApi();
        app.MapQueueApi();
        app.MapMembersApi();
        app.MapGoldApi();
        app.MapProgressApi();
        app.MapExportApi();
        app.UseGroundworkWebUi();
        return app;
    }

    /// <summary>Migrates the store (SQLite always, PostgreSQL when enabled) and creates the first admin on an empty store.</summary>
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
    }

    /// <summary>Maps GROUNDWORK_* environment variables onto configuration keys.</summary>
    public static Dictionary<string, string?> EnvironmentSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        Map("GROUNDWORK_DB", $"{StorageOptions.Section}:Database");
        Map("GROUNDWORK_DATA_DIR", $"{StorageOptions.Section}:DataDirectory");
        Map("GROUNDWORK_MIGRATE", $"{StorageOptions.Section}:MigrateOnStart");
        Map("GROUNDWORK_BOOTSTRAP_TOKEN", $"{BootstrapOptions.Section}:Token");
        Map("GROUNDWORK_MEDIA_ORIGINS", $"{WebUiOptions.Section}:MediaOrigins");
        return settings;

        void Map(string variable, string key)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
            {
                settings[key] = value;
            }
        }
    }
}
