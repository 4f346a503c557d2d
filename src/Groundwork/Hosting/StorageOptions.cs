using System.ComponentModel.DataAnnotations;

namespace Groundwork.Hosting;

/// <summary>
/// Where Groundwork keeps its data. With no <see cref="Database"/> it runs on the embedded default:
/// SQLite and local files under <see cref="DataDirectory"/>. Bound from <c>Groundwork:Storage</c>;
/// <c>GROUNDWORK_DB</c> and <c>GROUNDWORK_DATA_DIR</c> set the same values.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Groundwork:Storage";

    /// <summary>A PostgreSQL connection string, or empty for the embedded SQLite store.</summary>
    public string? Database { get; set; }

    [Required]
    public string DataDirectory { get; set; } = "groundwork-data";

    /// <summary>Apply schema migrations at start-up (always done for SQLite; an option for a clustered PostgreSQL).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Database);

    public string SqlitePath => Path.Combine(DataDirectory, "groundwork.db");
}
