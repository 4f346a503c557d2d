using System.CommandLine;
using Groundwork.Hosting;

namespace Groundwork.Cli;

/// <summary>The <c>--db</c> and <c>--data-dir</c> options every verb that touches the store shares.</summary>
public sealed class StoreOptionsBinder
{
    public Option<string?> Database { get; } = new("--db")
    {
        Description = "PostgreSQL connection string (default: GROUNDWORK_DB or the file GROUNDWORK_DB_FILE names, else the embedded SQLite store)",
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "Folder for the embedded store and files (default: GROUNDWORK_DATA_DIR, else ./groundwork-data)",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Database);
        command.Options.Add(DataDirectory);
    }

    public StorageOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var options = new StorageOptions
        {
            Database = parse.GetValue(Database) ?? EnvironmentSecrets.Read("GROUNDWORK_DB"),
        };
        var dataDirectory = parse.GetValue(DataDirectory) ?? Environment.GetEnvironmentVariable("GROUNDWORK_DATA_DIR");
        if (!string.IsNullOrEmpty(dataDirectory))
        {
            options.DataDirectory = dataDirectory;
        }

        return options;
    }

    /// <summary>The same choice as configuration keys, for the web host.</summary>
    public Dictionary<string, string?> ToSettings(ParseResult parse)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (parse.GetValue(Database) is { Length: > 0 } db)
        {
            settings[$"{StorageOptions.Section}:Database"] = db;
        }

        if (parse.GetValue(DataDirectory) is { Length: > 0 } dir)
        {
            settings[$"{StorageOptions.Section}:DataDirectory"] = dir;
        }

        return settings;
    }
}
