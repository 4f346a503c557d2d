using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Groundwork.Data.Providers.Sqlite;

/// <summary>
/// The command a <see cref="SqliteSessionConnection"/> hands out: it collects the text, parameters and
/// transaction like any command, then executes through the connection's prepared statement for that text
/// (compiled once per connection) instead of compiling the SQL on every call. Nothing here needs disposing: the
/// statement belongs to the connection.
/// </summary>
internal sealed class CachedStatementCommand : DbCommand
{
    private readonly SqliteSessionConnection _connection;
    private readonly SqliteParameterCollection _parameters = new SqliteCommand().Parameters;

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
        return reader.RecordsAffected;
    }

    public override object? ExecuteScalar()
    {
        using var reader = ExecuteDbDataReader(CommandBehavior.Default);
        return reader.Read() ? reader.GetValue(0) : null;
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var statement = _connection.CachedStatement(CommandText) ?? _connection.OneOff(CommandText);
        statement.Transaction = (SqliteTransaction?)Transaction;
        statement.CommandTimeout = CommandTimeout;
        statement.Parameters.Clear();
        foreach (SqliteParameter parameter in _parameters)
        {
            statement.Parameters.Add(parameter);
        }

        return statement.ExecuteReader(behavior);
    }
}
