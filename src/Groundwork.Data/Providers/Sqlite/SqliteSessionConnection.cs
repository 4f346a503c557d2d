using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Groundwork.Data.Providers.Sqlite;

/// <summary>
/// One physical SQLite connection kept open by <see cref="SqliteConnectionPool"/> for the life of the store.
/// Its connection pragmas run once, when it is first opened, and it keeps the statements it has prepared:
/// commands created through <see cref="DbConnection.CreateCommand"/> (the way Dapper creates them) run the
/// connection's cached prepared statement for their SQL text instead of compiling it again.
/// Disposing it hands it back to its pool (rolling back anything left open) instead of closing it.
/// </summary>
internal sealed class SqliteSessionConnection : SqliteConnection
{
    /// <summary>Distinct SQL texts a connection keeps prepared; texts beyond it are compiled per use.</summary>
    internal const int MaxCachedStatements = 256;

    private readonly Dictionary<string, CachedStatement> _statements = new(StringComparer.Ordinal);
    private readonly Action<SqliteSessionConnection>? _release;
    private bool _closing;

    public SqliteSessionConnection(string connectionString, Action<SqliteSessionConnection>? release)
        : base(connectionString)
    {
        _release = release;
    }

    /// <summary>The transaction open on this connection, if any (what a command must run in).</summary>
    internal SqliteTransaction? CurrentTransaction => Transaction;

    /// <summary>
    /// Takes the cached, prepared command for <paramref name="sql"/> until <see cref="ReturnStatement"/>; null when
    /// the cache is full or that command is already taken (the same SQL nested inside its own reader): the caller then
    /// runs an ordinary command.
    /// </summary>
    internal SqliteCommand? TakeStatement(string sql)
    {
        if (_statements.TryGetValue(sql, out var cached))
        {
            if (cached.Taken)
            {
                return null;
            }

            cached.Taken = true;
            return cached.Command;
        }

        if (_statements.Count >= MaxCachedStatements)
        {
            return null;
        }

        var command = base.CreateCommand();
        command.CommandText = sql;
        _statements.Add(sql, new CachedStatement(command) { Taken = true });
        return command;
    }

    /// <summary>Gives back a command from <see cref="TakeStatement"/> once its reader is done.</summary>
    internal void ReturnStatement(string sql)
    {
        if (_statements.TryGetValue(sql, out var cached))
        {
            cached.Command.Parameters.Clear();
            cached.Taken = false;
        }
    }

    /// <summary>Closes the physical connection for good (the pool is shutting down or has enough idle connections).</summary>
    internal void CloseForGood()
    {
        _closing = true;
        foreach (var cached in _statements.Values)
        {
            cached.Command.Dispose();
        }

        _statements.Clear();
        Dispose();
    }

    protected override DbCommand CreateDbCommand() => new CachedStatementCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closing && _release is not null && State == System.Data.ConnectionState.Open)
        {
            // Back to the pool: a transaction the caller left open is rolled back, as closing would have done.
            Transaction?.Dispose();
            if (raw.sqlite3_get_autocommit(Handle) == 0)
            {
                using var rollback = base.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                rollback.ExecuteNonQuery();
            }

            _release(this);
            return;
        }

        base.Dispose(disposing);
    }

    private sealed class CachedStatement(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool Taken { get; set; }
    }
}
