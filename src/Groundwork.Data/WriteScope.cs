using System.Data.Common;

namespace Groundwork.Data;

/// <summary>
/// A write transaction with its connection. Disposing without <see cref="CommitAsync"/> rolls back,
/// so an exception anywhere inside leaves the store unchanged. <see cref="CommitAsync"/> returns only once the
/// changes are durable (on SQLite several scopes may share one commit: see <c>SqliteWriteBatcher</c>).
/// </summary>
public sealed class WriteScope : IAsyncDisposable
{
    private readonly IWriteScopeOwner _owner;
    private bool _committed;
    private bool _ended;

    internal WriteScope(DbConnection connection, DbTransaction transaction, IWriteScopeOwner owner)
    {
        Connection = connection;
        Transaction = transaction;
        _owner = owner;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        await _owner.CommitAsync(this, cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        await _owner.EndAsync(this, _committed);
    }
}
