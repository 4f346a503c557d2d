using System.CommandLine;
using System.Net;
using Groundwork.Demo;
using Groundwork.Hosting;

namespace Groundwork.Cli;

/// <summary><c>groundwork serve</c>: the HTTP server, on the embedded store unless told otherwise.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var store = new StoreOptionsBinder();
        var urls = new Option<string>("--urls") { Description = "Address(es) to listen on", DefaultValueFactory = _ => DefaultUrls };
        var noMigrate = new Option<bool>("--no-migrate") { Description = "Do not apply PostgreSQL migrations at start-up (SQLite is always migrated)" };
        var demo = new Option<bool>("--demo")
        {
            Description = "Seed sample projects and sign everyone who opens the UI in as the demo user (default data folder ./groundwork-demo); for trying Groundwork on your own machine only",
        };
        var command = new Command("serve", "Run the Groundwork server");
        store.AddTo(command);
        command.Options.Add(urls);
        command.Options.Add(noMigrate);
        command.Options.Add(demo);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = store.ToSettings(parse);
            settings["urls"] = parse.GetValue(urls);
            if (parse.GetValue(noMigrate))
            {
                settings[$"{StorageOptions.Section}:MigrateOnStart"] = "false";
            }

            if (parse.GetValue(demo))
            {
                AddDemo(settings, parse.GetValue(urls) ?? DefaultUrls);
            }

            var builder = GroundworkServer.CreateBuilder([], settings);
            await using var app = GroundworkServer.Build(builder);
            await GroundworkServer.InitializeAsync(app.Services, cancellationToken);
            if (parse.GetValue(demo))
            {
                app.Lifetime.ApplicationStarted.Register(() =>
                    Console.WriteLine($"Groundwork: the demo is ready: open {app.Urls.FirstOrDefault()?.TrimEnd('/')}/ in a browser."));
            }

            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    public const string DemoDataDirectory = "groundwork-demo";

    /// <summary>
    /// Demo mode: its own data folder unless one is named (so sample projects and a password-less sign-in never land in
    /// ./groundwork-data by accident), and a loud warning when the server listens beyond this machine.
    /// </summary>
    private static void AddDemo(Dictionary<string, string?> settings, string urls)
    {
        settings[$"{DemoOptions.Section}:Enabled"] = "true";
        if (!settings.ContainsKey($"{StorageOptions.Section}:DataDirectory") && !settings.ContainsKey($"{StorageOptions.Section}:Database")
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GROUNDWORK_DATA_DIR")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GROUNDWORK_DB")))
        {
            settings[$"{StorageOptions.Section}:DataDirectory"] = DemoDataDirectory;
        }

        if (!IsLoopbackOnly(urls))
        {
            Console.Error.WriteLine($"Groundwork: WARNING: --demo with --urls {urls}: anyone who can reach this address is signed in as the demo user.");
        }
    }

    /// <summary>Whether every address in a <c>--urls</c> list is on this machine only (localhost or a loopback IP).</summary>
    public static bool IsLoopbackOnly(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                return false;
            }

            var host = uri.Host.Trim('[', ']');
            if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) && !(IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)))
            {
                return false;
            }
        }

        return true;
    }
}
