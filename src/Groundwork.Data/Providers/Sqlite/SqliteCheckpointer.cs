using Microsoft.Data.Sqlite;

namespace Groundwork.Data.Providers.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file in the background, once per <see cref="Period"/> after
/// writes, with a PASSIVE checkpoint on a connection of its own: it runs beside readers and the writer, so the
/// checkpoint's file syncs never happen inside a write transaction (as SQLite's automatic checkpoint on commit does).
/// Writers keep a large automatic checkpoint (<see cref="SafetyPages"/>) only as a bound on the log if this falls behind.
/// </summary>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The write-ahead log size, in pages, at which a committing writer checkpoints anyway.</summary>
    internal const int SafetyPages = 20_000;

    internal static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly SqliteConnectionPool _pool;
    private readonly Timer _timer;
    private int _written;
    private int _running;

    public SqliteCheckpointer(SqliteConnectionPool pool)
    {
        _pool = pool;
        _timer = new Timer(_ => Checkpoint(), null, Period, Period);
    }

    /// <summary>A write transaction ended: the next tick checkpoints.</summary>
    public void MarkWritten() => Volatile.Write(ref _written, 1);

    /// <summary>Runs a passive checkpoint now if anything was written since the last; false when nothing was due.</summary>
    public bool Checkpoint()
    {
        if (Interlocked.Exchange(ref _written, 0) == 0 || Interlocked.Exchange(ref _running, 1) == 1)
        {
            return false;
        }

        try
        {
            using var connection = _pool.Rent();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
            return true;
        }
        catch (Exception e) when (e is SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            // The store is closing, or the file is busy: the next tick (or a writer at SafetyPages) checkpoints instead.
            MarkWritten();
            return false;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
