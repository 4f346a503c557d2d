using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Groundwork.Data.Providers.Sqlite;

/// <summary>
/// Groundwork's own pool of open SQLite connections (Microsoft.Data.Sqlite's pool is off for them). A connection
/// is opened and given its pragmas once, then reused last-in first-out, so the connections in use stay few and
/// keep their prepared statements warm. Idle connections above <see cref="MaxIdle"/> are closed.
/// </summary>
internal sealed class SqliteConnectionPool : IDisposable
{
    internal const int MaxIdle = 128;

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly ConcurrentStack<SqliteSessionConnection> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteConnectionPool(string connectionString, string pragmas)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _pragmas = pragmas;
    }

    public SqliteSessionConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryPop(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        var connection = new SqliteSessionConnection(_connectionString, Return);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.CloseForGood();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Drain();
    }

    private void Return(SqliteSessionConnection connection)
    {
        if (!_disposed)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Push(connection);
                if (_disposed)
                {
                    Drain();
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        connection.CloseForGood();
    }

    private void Drain()
    {
        while (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.CloseForGood();
        }
    }
}
