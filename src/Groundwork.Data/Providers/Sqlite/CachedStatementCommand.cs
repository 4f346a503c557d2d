using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Groundwork.Data.Providers.Sqlite;

/// <summary>
/// The command a <see cref="SqliteSessionConnection"/> hands out: it collects the text, parameters and
/// transaction like any command, then executes through the connection's prepared statement for that text
/// (compiled once per connection) instead of compiling the SQL on every call. The statement stays taken until
/// this command is disposed, which every caller (Dapper included) does after the reader is done.
/// </summary>
internal sealed class CachedStatementCommand : DbCommand
{
    private readonly SqliteSessionConnection _connection;
    private readonly SqliteParameterCollection _parameters = new SqliteCommand().Parameters;
    private SqliteCommand? _running;
    private bool _runningIsCached;

    public CachedStatementCommand(SqliteSessionConnection connection)
    {
        _connection = connection;
        Transaction = connection.CurrentTransaction;
    }

    [AllowNull]
    public override string CommandText { get; set; } = string.Empty;

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("SQLite commands are text only", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            if (value is not null && !ReferenceEquals(value, _connection))
            {
                throw new InvalidOperationException("a cached-statement command belongs to the connection that created it");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    public override int ExecuteNonQuery()
    {
        var reader = ExecuteDbDataReader(CommandBehavior.Default);
        reader.Dispose();
        Release();
        return reader.RecordsAffected;
    }

    public override object? ExecuteScalar()
    {
        try
        {
            using var reader = ExecuteDbDataReader(CommandBehavior.Default);
            return reader.Read() ? reader.GetValue(0) : null;
        }
        finally
        {
            Release();
        }
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        Release();
        var statement = _connection.TakeStatement(CommandText);
        _runningIsCached = statement is not null;
        if (statement is null)
        {
            statement = _connection.CreateCommand();
            statement.CommandText = CommandText;
        }

        _running = statement;
        try
        {
            statement.Transaction = (SqliteTransaction?)Transaction;
            statement.CommandTimeout = CommandTimeout;
            statement.Parameters.Clear();
            foreach (SqliteParameter parameter in _parameters)
            {
                statement.Parameters.Add(parameter);
            }

            return statement.ExecuteReader(behavior);
        }
        catch
        {
            Release();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    private void Release()
    {
        if (_running is null)
        {
            return;
        }

        if (_runningIsCached)
        {
            _connection.ReturnStatement(_running.CommandText);
        }
        else
        {
            _running.Dispose();
        }

        _running = null;
    }
}
