using System.Data.Common;

namespace Groundwork.Data;

/// <summary>
/// One store, whichever provider. Opens connections, starts write transactions the provider's way
/// (SQLite: one writer at a time by design; PostgreSQL: ordinary concurrent transactions) and says
/// how to spell the few things the two SQL dialects spell differently.
/// </summary>
public abstract class GroundworkDatabase : IDisposable
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Opens a connection ready for use.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection and begins a transaction that may write (a short one: a request's change).</summary>
    public abstract Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction that may write a lot or take long (an import, a rewrite of a project's consensus): on SQLite
    /// it never shares its commit with short writes, so they never wait for it to end.
    /// </summary>
    public virtual Task<WriteScope> BeginBulkWriteAsync(CancellationToken cancellationToken) => BeginWriteAsync(cancellationToken);

    /// <summary>Brings the schema up to date with this provider's migration track.</summary>
    public abstract void Migrate();

    /// <summary>The SQL expression that stores a text parameter into a JSON column.</summary>
    public abstract string JsonParameter(string parameterName);

    /// <summary>The SQL expression that turns a JSON column into text for reading.</summary>
    public abstract string JsonColumn(string column);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
