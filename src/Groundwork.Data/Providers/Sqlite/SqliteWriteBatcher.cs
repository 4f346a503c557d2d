using Microsoft.Data.Sqlite;

namespace Groundwork.Data.Providers.Sqlite;

/// <summary>
/// SQLite's one writer, with group commit. Write scopes run one at a time on one connection, each inside a savepoint
/// of a shared transaction. A scope that commits releases its savepoint, hands the writer to whoever is waiting, and
/// waits for the shared COMMIT; that COMMIT is made by a flush that queues behind the writers already waiting, so they
/// join the same transaction and one commit (one write of the log, one change readers see) serves them all. A scope
/// that ends without committing rolls back its own savepoint only. Nothing is acknowledged before the COMMIT that
/// makes it durable; if that COMMIT fails, every scope in it fails.
/// <para>Bulk scopes (imports, large rewrites) never share: they commit what is pending first, then commit on their
/// own, so a short write never waits for a long one to finish.</para>
/// </summary>
internal sealed class SqliteWriteBatcher(SqliteConnectionPool pool, Action onWritten) : IWriteScopeOwner, IDisposable
{
    private const string Savepoint = "SAVEPOINT gw_scope";
    private const string ReleaseSavepoint = "RELEASE gw_scope";
    private const string RollbackSavepoint = "ROLLBACK TO gw_scope";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<TaskCompletionSource> _pending = [];
    private SqliteSessionConnection? _writer;
    private SqliteTransaction? _batch;
    private WriteScope? _current;
    private bool _currentIsBulk;
    private bool _flushQueued;
    private bool _disposed;

    /// <summary>Scopes whose changes went into the last COMMIT (for tests and diagnostics).</summary>
    internal int LastBatchSize { get; private set; }

    public async Task<WriteScope> BeginAsync(bool bulk, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= pool.Rent();
            if (bulk && _pending.Count > 0)
            {
                CommitBatch();
            }

            _batch ??= _writer.BeginTransaction(deferred: false);
            Execute(Savepoint);
            _currentIsBulk = bulk;
            return _current = new WriteScope(_writer, _batch, this);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public async Task CommitAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Check(scope);
        Execute(ReleaseSavepoint);
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add(durable);
        if (_currentIsBulk)
        {
            CommitBatch();
            Release();
        }
        else
        {
            // The writers queued on the gate now take their turn inside this transaction; the flush, queued behind
            // them, commits it for all of them at once.
            QueueFlush();
            Release();
        }

        await durable.Task;
    }

    public ValueTask EndAsync(WriteScope scope, bool committed)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (committed || !ReferenceEquals(scope, _current))
        {
            return ValueTask.CompletedTask;
        }

        // Ended without a commit: undo this scope's work only, keep what earlier scopes of the batch did.
        try
        {
            Execute(RollbackSavepoint);
            Execute(ReleaseSavepoint);
            if (_pending.Count == 0)
            {
                RollbackBatch();
            }
            else if (_currentIsBulk)
            {
                CommitBatch();
            }
            else
            {
                QueueFlush();
            }
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            FailBatch(e);
        }
        finally
        {
            Release();
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            if (_pending.Count > 0)
            {
                CommitBatch();
            }
            else
            {
                RollbackBatch();
            }

            _writer?.CloseForGood();
            _writer = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Commits what the batch holds once the writers waiting now have had their turn (one flush queued at a time).</summary>
    private void QueueFlush()
    {
        if (_flushQueued)
        {
            return;
        }

        _flushQueued = true;
        _ = FlushAsync();
    }

    private async Task FlushAsync()
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _flushQueued = false;
            if (_pending.Count > 0)
            {
                CommitBatch();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void CommitBatch()
    {
        var members = _pending.ToArray();
        _pending.Clear();
        try
        {
            _batch?.Commit();
        }
        catch (Exception e)
        {
            DisposeBatch();
            foreach (var member in members)
            {
                member.TrySetException(e);
            }

            return;
        }

        DisposeBatch();
        LastBatchSize = members.Length;
        onWritten();
        foreach (var member in members)
        {
            member.TrySetResult();
        }
    }

    private void RollbackBatch()
    {
        try
        {
            _batch?.Rollback();
        }
        finally
        {
            DisposeBatch();
        }
    }

    /// <summary>The connection failed in the middle of the batch: nothing of it can be trusted, so every scope in it fails.</summary>
    private void FailBatch(Exception e)
    {
        var members = _pending.ToArray();
        _pending.Clear();
        try
        {
            _batch?.Rollback();
        }
        catch (Exception rollback) when (rollback is SqliteException or InvalidOperationException)
        {
            // The transaction is already gone; the connection is replaced below.
        }

        DisposeBatch();
        _writer?.CloseForGood();
        _writer = null;
        foreach (var member in members)
        {
            member.TrySetException(new InvalidOperationException("the write batch this change belonged to was rolled back", e));
        }
    }

    private void DisposeBatch()
    {
        _batch?.Dispose();
        _batch = null;
    }

    private void Release()
    {
        _current = null;
        _gate.Release();
    }

    private void Check(WriteScope scope)
    {
        if (!ReferenceEquals(scope, _current))
        {
            throw new InvalidOperationException("this write scope no longer holds the writer");
        }
    }

    private void Execute(string sql)
    {
        var command = _writer!.CachedStatement(sql) ?? _writer.OneOff(sql);
        command.Transaction = _batch;
        command.Parameters.Clear();
        command.ExecuteNonQuery();
    }
}
