using System.Data.Common;
using DbUp;
using Groundwork.Data.Providers.Sqlite;
using Microsoft.Data.Sqlite;

namespace Groundwork.Data.Providers;

/// <summary>
/// The embedded store, run as jellyfin runs SQLite: WAL, synchronous=NORMAL (durable across a process
/// crash), a busy timeout, and one writer at a time by design: writers queue in the process (with group commit,
/// see <see cref="SqliteWriteBatcher"/>) instead of meeting "database is locked". Readers run alongside the writer.
/// </summary>
public sealed class SqliteDatabase : GroundworkDatabase
{
    /// <summary>
    /// Set once on every connection: the busy timeout, durable commits across a process crash (WAL + NORMAL), foreign
    /// keys, automatic checkpoints only as a safety bound, because <see cref="SqliteCheckpointer"/> checkpoints in the
    /// background, and temporary data (the write batcher's savepoint journals) in memory. (Memory-mapping the file was measured slower under the queue's load: each connection faults its own pages.)
    /// </summary>
    private static readonly string ConnectionPragmas =
        $"PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = {SqliteCheckpointer.SafetyPages}; PRAGMA temp_store = MEMORY;";
    private readonly string _connectionString;
    private readonly SqliteConnectionPool _pool;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly SqliteWriteBatcher _writer;

    public SqliteDatabase(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        DatabasePath = databasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _pool = new SqliteConnectionPool(_connectionString, ConnectionPragmas);
        _checkpointer = new SqliteCheckpointer(_pool);
        _writer = new SqliteWriteBatcher(_pool, _checkpointer.MarkWritten);
    }

    public string DatabasePath { get; }

    /// <summary>Runs the background checkpoint now (tests); false when nothing was written since the last.</summary>
    internal bool CheckpointNow() => _checkpointer.Checkpoint();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<DbConnection>(_pool.Rent());
    }

    public override Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken) => _writer.BeginAsync(bulk: false, cancellationToken);

    public override Task<WriteScope> BeginBulkWriteAsync(CancellationToken cancellationToken) => _writer.BeginAsync(bulk: true, cancellationToken);

    /// <summary>How many scopes the last commit served (tests).</summary>
    internal int LastBatchSize => _writer.LastBatchSize;

    public override void Migrate()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }

        var upgrader = DeployChanges.To
            .SqliteDatabase(_connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteDatabase).Assembly, name => name.Contains(".Migrations.Sqlite.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"SQLite migration failed at {result.ErrorScript?.Name}: {result.Error?.Message}", result.Error);
        }
    }

    public override string JsonParameter(string parameterName) => parameterName;

    public override string JsonColumn(string column) => column;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.Dispose();
            _checkpointer.Dispose();
            _pool.Dispose();
            SqliteConnection.ClearAllPools();
        }
    }
}
