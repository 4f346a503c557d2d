using System.Data.Common;
using Groundwork.Data.Providers;

namespace Groundwork.Data.Stores;

/// <summary>
/// Rows of one ordered query, read forward only. On SQLite it is a plain data reader (several may be open
/// on one connection); on PostgreSQL a server-side cursor fetched in batches of 2,000 rows, each batch read
/// whole and its reader closed at once (a connection runs one command at a time), so several cursors share
/// one connection and one snapshot while the client holds at most one batch per cursor.
/// </summary>
internal sealed class ForwardCursor : IAsyncDisposable
{
    private const int BatchSize = 2_000;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string? _cursorName;
    private readonly List<object[]> _batch = [];
    private DbDataReader? _reader;
    private int _batchIndex = -1;
    private bool _exhausted;

    private ForwardCursor(DbConnection connection, DbTransaction transaction, string? cursorName, DbDataReader? reader)
    {
        _connection = connection;
        _transaction = transaction;
        _cursorName = cursorName;
        _reader = reader;
    }

    /// <summary>The current row, valid after <see cref="ReadAsync"/> returned true.</summary>
    public CursorRow Row => _cursorName is null
        ? new CursorRow(_reader ?? throw new InvalidOperationException("The cursor has no current row."), null)
        : new CursorRow(null, _batch[_batchIndex]);

    public static async Task<ForwardCursor> OpenAsync(GroundworkDatabase db, DbConnection connection, DbTransaction transaction, string name, string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        if (db is PostgresDatabase)
        {
            await using var declare = Command(connection, transaction, $"DECLARE {name} NO SCROLL CURSOR FOR {sql}", parameters);
            await declare.ExecuteNonQueryAsync(cancellationToken);
            return new ForwardCursor(connection, transaction, name, null);
        }

        var command = Command(connection, transaction, sql, parameters);
        var reader = await command.ExecuteReaderAsync(cancellationToken);
        return new ForwardCursor(connection, transaction, null, reader);
    }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_exhausted)
        {
            return false;
        }

        if (_cursorName is null)
        {
            if (await _reader!.ReadAsync(cancellationToken))
            {
                return true;
            }

            _exhausted = true;
            return false;
        }

        if (++_batchIndex < _batch.Count)
        {
            return true;
        }

        if (_batch.Count > 0 && _batch.Count < BatchSize)
        {
            _exhausted = true;
            return false;
        }

        _batch.Clear();
        _batchIndex = 0;
        await using (var fetch = Command(_connection, _transaction, $"FETCH FORWARD {BatchSize} FROM {_cursorName}", []))
        await using (var reader = await fetch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                _batch.Add(values);
            }
        }

        if (_batch.Count == 0)
        {
            _exhausted = true;
            return false;
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync();
            _reader = null;
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
