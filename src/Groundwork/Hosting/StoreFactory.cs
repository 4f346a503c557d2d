using Groundwork.Data;
using Groundwork.Data.Providers;

namespace Groundwork.Hosting;

/// <summary>Opens the store the options name: PostgreSQL when a connection string is given, else embedded SQLite.</summary>
public static class StoreFactory
{
    public static GroundworkDatabase Open(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesPostgres)
        {
            return new PostgresDatabase(options.Database!);
        }

        Directory.CreateDirectory(options.DataDirectory);
        return new SqliteDatabase(options.SqlitePath);
    }
}
