using Dapper;
using Groundwork.Data.Providers;
using Groundwork.Data.Providers.Sqlite;
using Groundwork.Testing;
using Microsoft.Data.Sqlite;

namespace Groundwork.Data.Tests.Providers;

/// <summary>Groundwork's own SQLite pool: connections and their prepared statements are reused, and nothing a caller leaves open leaks to the next.</summary>
public sealed class SqliteConnectionPoolTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly SqliteDatabase _db;

    public SqliteConnectionPoolTests()
    {
        _db = new SqliteDatabase(_folder.Combine("pool.db"));
        _db.Migrate();
    }

    [Fact]
    public async Task A_ReturnedConnection_IsReusedWithItsPreparedStatement()
    {
        const string sql = "SELECT count(*) FROM projects WHERE id > @min";
        SqliteCommand first;
        SQLitePCL.sqlite3 handle;
        await using (var connection = (SqliteSessionConnection)await _db.OpenAsync(CancellationToken.None))
        {
            handle = connection.Handle!;
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(sql, new { min = 0 }));
            first = connection.CachedStatement(sql)!;
        }

        await using (var again = (SqliteSessionConnection)await _db.OpenAsync(CancellationToken.None))
        {
            Assert.Same(handle, again.Handle);
            Assert.Equal(0L, await again.ExecuteScalarAsync<long>(sql, new { min = 5 }));
            Assert.Same(first, again.CachedStatement(sql));
        }
    }

    [Fact]
    public async Task A_TransactionLeftOpen_IsRolledBackBeforeTheConnectionIsReused()
    {
        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(
                "INSERT INTO users (email, name, is_admin, created_at) VALUES ('left@example.com', 'Left', 0, '2026-01-01T00:00:00+00:00')",
                transaction: transaction);
        }

        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users"));
            await using var transaction = await connection.BeginTransactionAsync();
            await transaction.CommitAsync();
        }

        // A raw BEGIN the connection does not know about is rolled back too.
        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("BEGIN; INSERT INTO users (email, name, is_admin, created_at) VALUES ('raw@example.com', 'Raw', 0, '2026-01-01T00:00:00+00:00')");
        }

        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users"));
        }
    }

    [Fact]
    public async Task TheSameSql_NestedInsideItsOwnReader_RunsUncached()
    {
        await using var scope = await _db.BeginWriteAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await scope.Connection.ExecuteAsync(
                "INSERT INTO users (email, name, is_admin, created_at) VALUES (@email, 'U', 0, '2026-01-01T00:00:00+00:00')",
                new { email = $"u{i}@example.com" },
                scope.Transaction);
        }

        const string sql = "SELECT id FROM users WHERE id > @after ORDER BY id";
        var pairs = new List<(long, long)>();
        await using (var outer = await scope.Connection.ExecuteReaderAsync(sql, new { after = 0 }, scope.Transaction))
        {
            while (await outer.ReadAsync())
            {
                var id = outer.GetInt64(0);
                var next = await scope.Connection.QueryFirstOrDefaultAsync<long?>(sql, new { after = id }, scope.Transaction);
                pairs.Add((id, next ?? 0));
            }
        }

        Assert.Equal([(1L, 2L), (2L, 3L), (3L, 0L)], pairs);
    }

    [Fact]
    public async Task ReadersThroughDapper_ReuseOneStatement_AndLeaveNothingRegisteredBehind()
    {
        const string sql = "SELECT id FROM users WHERE id > @id";
        var commands = typeof(SqliteConnection).GetField("_commands", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        for (var round = 0; round < 3; round++)
        {
            await using var connection = (SqliteSessionConnection)await _db.OpenAsync(CancellationToken.None);
            for (var i = 0; i < 200; i++)
            {
                await using var reader = await connection.ExecuteReaderAsync(sql, new { id = i });
                while (await reader.ReadAsync())
                {
                }
            }

            Assert.Equal(1, connection.CachedStatementCount);
            Assert.InRange(((System.Collections.ICollection)commands.GetValue(connection)!).Count, 1, 4);
        }
    }

    [Fact]
    public async Task AReaderLeftOpen_DoesNotHoldItsSnapshotIntoTheNextUse()
    {
        const string sql = "SELECT count(*) FROM users";
        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            var leaked = await connection.ExecuteReaderAsync(sql);
            Assert.True(await leaked.ReadAsync());
            Assert.Equal(0L, leaked.GetInt64(0));
        }

        await using (var scope = await _db.BeginWriteAsync(CancellationToken.None))
        {
            await scope.Connection.ExecuteAsync(
                "INSERT INTO users (email, name, is_admin, created_at) VALUES ('later@example.com', 'L', 0, '2026-01-01T00:00:00+00:00')",
                transaction: scope.Transaction);
            await scope.CommitAsync(CancellationToken.None);
        }

        for (var i = 0; i < 4; i++)
        {
            await using var connection = await _db.OpenAsync(CancellationToken.None);
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(sql));
        }
    }

    [Fact]
    public async Task CachedStatements_SurviveASchemaChange()
    {
        await using var connection = await _db.OpenAsync(CancellationToken.None);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects"));
        await connection.ExecuteAsync("CREATE TABLE pool_test_extra (id INTEGER PRIMARY KEY); ALTER TABLE projects ADD COLUMN pool_test_column TEXT");
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects"));
    }

    [Fact]
    public async Task DistinctSqlBeyondTheCache_StillRuns()
    {
        await using var connection = (SqliteSessionConnection)await _db.OpenAsync(CancellationToken.None);
        for (var i = 0; i < SqliteSessionConnection.MaxCachedStatements + 10; i++)
        {
            Assert.Equal((long)i, await connection.ExecuteScalarAsync<long>($"SELECT {i}"));
        }

        Assert.Null(connection.CachedStatement("SELECT 'one more'"));
    }

    [Fact]
    public async Task TheWriteGate_AndThePool_ServeManyConcurrentCallers()
    {
        var writers = Enumerable.Range(0, 32).Select(async i =>
        {
            await using var scope = await _db.BeginWriteAsync(CancellationToken.None);
            await scope.Connection.ExecuteAsync(
                "INSERT INTO users (email, name, is_admin, created_at) VALUES (@email, 'U', 0, '2026-01-01T00:00:00+00:00')",
                new { email = $"c{i}@example.com" },
                scope.Transaction);
            await scope.CommitAsync(CancellationToken.None);
        });
        var readers = Enumerable.Range(0, 32).Select(async _ =>
        {
            await using var connection = await _db.OpenAsync(CancellationToken.None);
            return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users");
        });
        await Task.WhenAll(writers);
        await Task.WhenAll(readers);

        await using var check = await _db.OpenAsync(CancellationToken.None);
        Assert.Equal(32L, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task TheBackgroundCheckpoint_CopiesCommittedWritesIntoTheDatabaseFile()
    {
        await using (var scope = await _db.BeginWriteAsync(CancellationToken.None))
        {
            await scope.Connection.ExecuteAsync(
                "INSERT INTO users (email, name, is_admin, created_at) VALUES ('wal@example.com', 'W', 0, '2026-01-01T00:00:00+00:00')",
                transaction: scope.Transaction);
            await scope.CommitAsync(CancellationToken.None);
        }

        Assert.True(_db.CheckpointNow());
        Assert.False(_db.CheckpointNow());
        await using var connection = await _db.OpenAsync(CancellationToken.None);
        var (busy, logFrames, checkpointed) = await connection.QuerySingleAsync<(long, long, long)>("PRAGMA wal_checkpoint(PASSIVE)");
        Assert.Equal(0, busy);
        Assert.Equal(logFrames, checkpointed);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'wal@example.com'"));
        Assert.Equal(SqliteCheckpointer.SafetyPages, await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));
    }

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }
}
