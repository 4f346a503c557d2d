using Npgsql;

namespace Groundwork.Testing;

/// <summary>
/// The real PostgreSQL server the tests run against. <c>.ci/run</c> starts one on loopback and sets
/// <c>GROUNDWORK_TEST_POSTGRES</c> to an administrative connection string; each test database is
/// created fresh from it and dropped afterwards.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "GROUNDWORK_TEST_POSTGRES";

    private static readonly Lazy<string?> s_adminConnectionString = new(Probe);

    /// <summary>Returns the admin connection string, skipping the test (failing under CI) when no server answers.</summary>
    public static string RequireAdminConnectionString()
    {
        var value = s_adminConnectionString.Value;
        TestEnvironment.Require(value is not null, $"no PostgreSQL server: set {EnvironmentVariable} (e.g. Host=127.0.0.1;Port=5432;Username=postgres) or run .ci/run");
        return value!;
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public static async Task<TemporaryDatabase> CreateDatabaseAsync()
    {
        var admin = RequireAdminConnectionString();
        var name = "gw_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TemporaryDatabase(admin, name, builder.ConnectionString);
    }

    private static string? Probe()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            using var connection = new NpgsqlConnection(value);
            connection.Open();
            return value;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }
}
