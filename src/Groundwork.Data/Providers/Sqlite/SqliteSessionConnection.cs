using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Groundwork.Data.Providers.Sqlite;

/// <summary>
/// One physical SQLite connection kept open by <see cref="SqliteConnectionPool"/> for the life of the store.
/// Its connection pragmas run once, when it is first opened, and it keeps the statements it has prepared:
/// commands created through <see cref="DbConnection.CreateCommand"/> (the way Dapper creates them) run the
/// connection's cached prepared statement for their SQL text instead of compiling it again.
/// Disposing it hands it back to its pool instead of closing it: anything the caller left open (a transaction,
/// a reader) is ended first, so the next user starts clean.
/// </summary>
internal sealed class SqliteSessionConnection : SqliteConnection
{
    /// <summary>Distinct SQL texts a connection keeps prepared; texts beyond it are compiled per use.</summary>
    internal const int MaxCachedStatements = 256;

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly List<SqliteCommand> _oneOffs = [];
    private readonly Action<SqliteSessionConnection>? _release;
    private bool _closing;

    public SqliteSessionConnection(string connectionString, Action<SqliteSessionConnection>? release)
        : base(connectionString)
    {
        _release = release;
    }

    /// <summary>The transaction open on this connection, if any (what a command must run in).</summary>
    internal SqliteTransaction? CurrentTransaction => Transaction;

    /// <summary>How many SQL texts this connection keeps prepared.</summary>
    internal int CachedStatementCount => _statements.Count;

    /// <summary>
    /// The cached, prepared command for <paramref name="sql"/>, ready to run; null when the cache is full or that
    /// command's reader is still open (the same SQL nested inside its own results): the caller then takes a one-off.
    /// </summary>
    internal SqliteCommand? CachedStatement(string sql)
    {
        if (_statements.TryGetValue(sql, out var cached))
        {
            return HasOpenReader(cached) ? null : cached;
        }

        if (_statements.Count >= MaxCachedStatements)
        {
            return null;
        }

        var command = base.CreateCommand();
        command.CommandText = sql;
        _statements.Add(sql, command);
        return command;
    }

    /// <summary>A command compiled for this use only; the connection disposes it when it goes back to the pool.</summary>
    internal SqliteCommand OneOff(string sql)
    {
        var command = base.CreateCommand();
        command.CommandText = sql;
        _oneOffs.Add(command);
        return command;
    }

    /// <summary>Closes the physical connection for good (the pool is shutting down or has enough idle connections).</summary>
    internal void CloseForGood()
    {
        _closing = true;
        DisposeOneOffs();
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        _statements.Clear();
        Dispose();
    }

    protected override DbCommand CreateDbCommand() => new CachedStatementCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closing && _release is not null && State == System.Data.ConnectionState.Open)
        {
            ResetForNextUse();
            _release(this);
            return;
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// A reader still open keeps a read snapshot (and, for a cached statement, the statement) busy: its command is
    /// disposed, which ends the reader. A transaction the caller left open is rolled back, as closing would have done.
    /// </summary>
    private void ResetForNextUse()
    {
        DisposeOneOffs();
        List<string>? busy = null;
        foreach (var (sql, command) in _statements)
        {
            if (HasOpenReader(command))
            {
                (busy ??= []).Add(sql);
            }
        }

        foreach (var sql in busy ?? [])
        {
            _statements.Remove(sql, out var command);
            command!.Dispose();
        }

        Transaction?.Dispose();
        if (raw.sqlite3_get_autocommit(Handle) == 0)
        {
            using var rollback = base.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
    }

    private void DisposeOneOffs()
    {
        foreach (var command in _oneOffs)
        {
            command.Dispose();
        }

        _oneOffs.Clear();
    }

    /// <summary>
    /// Whether a reader of <paramref name="command"/> is still open. SqliteCommand refuses to change its text while one
    /// is, and setting the same text is otherwise a no-op: the only probe its public surface offers.
    /// </summary>
    private static bool HasOpenReader(SqliteCommand command)
    {
        try
        {
            command.CommandText = command.CommandText;
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
