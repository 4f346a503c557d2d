using System.Data;
using System.Data.Common;
using DbUp;
using Npgsql;

namespace Groundwork.Data.Providers;

/// <summary>
/// The production store. Several Groundwork processes may share one database: concurrency is left to
/// PostgreSQL's own tools (transactions, unique indexes, row locks), never to an in-process lock.
/// </summary>
public sealed class PostgresDatabase : GroundworkDatabase, IWriteScopeOwner
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;

    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _connectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(WithDefaults(connectionString));
    }

    /// <summary>
    /// The connection string with Groundwork's defaults where the operator did not choose: the hot statements are
    /// prepared on each physical connection after two uses (parsed and planned once, not per call), and a connection
    /// going back to the pool is not reset, because Groundwork keeps no session state on it.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 128;
        }

        if (!Mentions(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Mentions(given, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(DbConnectionStringBuilder given, params string[] keys) =>
        keys.Any(key => given.ContainsKey(key));

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public NpgsqlDataSource DataSource => _dataSource;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            return new WriteScope(connection, transaction, this);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    Task IWriteScopeOwner.CommitAsync(WriteScope scope, CancellationToken cancellationToken) => scope.Transaction.CommitAsync(cancellationToken);

    async ValueTask IWriteScopeOwner.EndAsync(WriteScope scope, bool committed)
    {
        await scope.Transaction.DisposeAsync();
        await scope.Connection.DisposeAsync();
    }

    public override void Migrate()
    {
        // Several processes may start at once: an advisory lock lets one migrate while the others wait.
        using var connection = _dataSource.OpenConnection();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(7245001)", connection))
        {
            command.ExecuteNonQuery();
        }

        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(_connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(PostgresDatabase).Assembly, name => name.Contains(".Migrations.Postgres.", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .LogToNowhere()
                .Build();
            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException($"PostgreSQL migration failed at {result.ErrorScript?.Name}: {result.Error?.Message}", result.Error);
            }
        }
        finally
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(7245001)", connection);
            unlock.ExecuteNonQuery();
        }
    }

    public override string JsonParameter(string parameterName) => $"CAST({parameterName} AS jsonb)";

    public override string JsonColumn(string column) => $"{column}::text";

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
        }
    }
}
