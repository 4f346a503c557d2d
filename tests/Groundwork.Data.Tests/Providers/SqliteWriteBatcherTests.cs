using Dapper;
using Groundwork.Data.Providers;
using Groundwork.Testing;

namespace Groundwork.Data.Tests.Providers;

/// <summary>SQLite's group commit: scopes share commits, but each is acknowledged only once durable and rolls back alone.</summary>
public sealed class SqliteWriteBatcherTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryFolder _folder = new();
    private readonly SqliteDatabase _db;

    public SqliteWriteBatcherTests()
    {
        _db = new SqliteDatabase(_folder.Combine("batch.db"));
        _db.Migrate();
    }

    [Fact]
    public async Task ConcurrentScopes_ShareCommits_AndEveryAcknowledgedRowIsCommitted()
    {
        var writers = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            await using var scope = await _db.BeginWriteAsync(CancellationToken.None);
            await InsertAsync(scope, $"u{i}");
            await scope.CommitAsync(CancellationToken.None);

            // Acknowledged means committed: another connection sees it at once.
            await using var reader = await _db.OpenAsync(CancellationToken.None);
            return await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE email = @email", new { email = $"u{i}@example.com" });
        }));
        var seen = await Task.WhenAll(writers).WaitAsync(Patience);

        Assert.All(seen, count => Assert.Equal(1L, count));
        Assert.Equal(64L, await CountAsync());
    }

    [Fact]
    public async Task AScopeThatEndsWithoutCommit_UndoesOnlyItself()
    {
        var first = await _db.BeginWriteAsync(CancellationToken.None);
        await InsertAsync(first, "kept-1");
        var second = _db.BeginWriteAsync(CancellationToken.None);
        var third = _db.BeginWriteAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        // The first commits and hands the writer on; its acknowledgement waits for the shared commit.
        var firstDurable = first.CommitAsync(CancellationToken.None);
        await using (var rolledBack = await second.WaitAsync(Patience))
        {
            await InsertAsync(rolledBack, "undone");
        }

        await using (var last = await third.WaitAsync(Patience))
        {
            await InsertAsync(last, "kept-2");
            await last.CommitAsync(CancellationToken.None);
        }

        await firstDurable.WaitAsync(Patience);
        await first.DisposeAsync();
        await using var reader = await _db.OpenAsync(CancellationToken.None);
        var emails = (await reader.QueryAsync<string>("SELECT email FROM users ORDER BY email")).ToList();
        Assert.Equal(["kept-1@example.com", "kept-2@example.com"], emails);
        Assert.Equal(2, _db.LastBatchSize);
    }

    [Fact]
    public async Task ABulkScope_CommitsWhatIsPendingFirst_SoShortWritesDoNotWaitForIt()
    {
        var shortWrite = await _db.BeginWriteAsync(CancellationToken.None);
        await InsertAsync(shortWrite, "short");
        var bulkBegun = _db.BeginBulkWriteAsync(CancellationToken.None);
        var shortDurable = shortWrite.CommitAsync(CancellationToken.None);

        await using (var bulk = await bulkBegun.WaitAsync(Patience))
        {
            // The bulk scope is still open, yet the short write is already acknowledged, and committed.
            await shortDurable.WaitAsync(Patience);
            await using (var reader = await _db.OpenAsync(CancellationToken.None))
            {
                Assert.Equal(1L, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'short@example.com'"));
            }

            await InsertAsync(bulk, "bulk");
            await bulk.CommitAsync(CancellationToken.None);
        }

        await shortWrite.DisposeAsync();
        Assert.Equal(2L, await CountAsync());
    }

    [Fact]
    public async Task AScopeAloneCommitsAtOnce_AndAFailedStatementLeavesTheWriterUsable()
    {
        await using (var scope = await _db.BeginWriteAsync(CancellationToken.None))
        {
            await InsertAsync(scope, "dup");
            await scope.CommitAsync(CancellationToken.None);
        }

        await using (var scope = await _db.BeginWriteAsync(CancellationToken.None))
        {
            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => InsertAsync(scope, "dup"));
        }

        await using (var scope = await _db.BeginWriteAsync(CancellationToken.None))
        {
            await InsertAsync(scope, "after");
            await scope.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(2L, await CountAsync());
        Assert.Equal(1, _db.LastBatchSize);
    }

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    private static Task InsertAsync(WriteScope scope, string name) => scope.Connection.ExecuteAsync(
        "INSERT INTO users (email, name, is_admin, created_at) VALUES (@email, @name, 0, '2026-01-01T00:00:00+00:00')",
        new { email = name + "@example.com", name },
        scope.Transaction);

    private async Task<long> CountAsync()
    {
        await using var reader = await _db.OpenAsync(CancellationToken.None);
        return await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM users");
    }
}
