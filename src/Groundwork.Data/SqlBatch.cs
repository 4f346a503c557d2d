using System.Text;
using Dapper;

namespace Groundwork.Data;

/// <summary>
/// Several statements sent as one command (one round trip on PostgreSQL; prepared once per connection on SQLite),
/// each with its own parameters. Parameter names must be unique across the batch: statements that could appear twice
/// take a prefix (see <see cref="Events.ChangeJournal"/>'s audit statement).
/// </summary>
internal sealed class SqlBatch
{
    private readonly StringBuilder _sql = new();
    private int _prefixes;

    public DynamicParameters Parameters { get; } = new();

    public bool IsEmpty => _sql.Length == 0;

    public string Sql => _sql.ToString();

    /// <summary>A parameter-name prefix no other statement of this batch uses (<c>b0_</c>, <c>b1_</c> ...).</summary>
    public string NewPrefix() => "b" + (_prefixes++).ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";

    /// <summary>Appends a statement and its parameters (an anonymous object whose property names the SQL uses).</summary>
    public void Add(string sql, object parameters)
    {
        if (_sql.Length > 0)
        {
            _sql.Append(";\n");
        }

        _sql.Append(sql);
        Parameters.AddDynamicParams(parameters);
    }

    /// <summary>Runs every statement in the scope's transaction.</summary>
    public Task<int> ExecuteAsync(WriteScope scope, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(Sql, Parameters, scope.Transaction, cancellationToken: cancellationToken));
}
