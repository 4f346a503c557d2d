using System.Data.Common;

namespace Groundwork.Data;

/// <summary>
/// A write transaction with its connection. Disposing without <see cref="CommitAsync"/> rolls back,
/// so an exception anywhere inside leaves the store unchanged.
/// </summary>
public sealed class WriteScope : IAsyncDisposable
{
    private readonly Action? _onRelease;
    private bool _released;

    internal WriteScope(DbConnection connection, DbTransaction transaction, Action? onRelease)
    {
        Connection = connection;
        Transaction = transaction;
        _onRelease = onRelease;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            _onRelease?.Invoke();
        }
    }
}
