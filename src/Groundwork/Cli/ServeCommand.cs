using System.CommandLine;
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
        var command = new Command("serve", "Run the Groundwork server");
        store.AddTo(command);
        command.Options.Add(urls);
        command.Options.Add(noMigrate);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = store.ToSettings(parse);
            settings["urls"] = parse.GetValue(urls);
            if (parse.GetValue(noMigrate))
            {
                settings[$"{StorageOptions.Section}:MigrateOnStart"] = "false";
            }

            var builder = GroundworkServer.CreateBuilder([], settings);
            await using var app = GroundworkServer.Build(builder);
            await GroundworkServer.InitializeAsync(app.Services, cancellationToken);
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
