using Groundwork.Core.Projects;
using Groundwork.Data.Providers;
using Groundwork.Data.Stores;
using Groundwork.Testing;

namespace Groundwork.Data.Tests.Stores;

/// <summary>A migrated, empty store of one provider, with its stores, an admin user and a project.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly string _folder;
    private readonly TemporaryDatabase? _database;

    private TestStore(GroundworkDatabase db, string folder, TemporaryDatabase? database)
    {
        Db = db;
        _folder = folder;
        _database = database;
        Projects = new SqlProjectStore(db, TimeProvider.System);
        Tasks = new SqlTaskStore(db, TimeProvider.System);
        Annotations = new SqlAnnotationStore(db, TimeProvider.System);
        Users = new SqlUserStore(db, TimeProvider.System);
        Export = new SqlExportSource(db);
    }

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public GroundworkDatabase Db { get; }

    public SqlProjectStore Projects { get; }

    public SqlTaskStore Tasks { get; }

    public SqlAnnotationStore Annotations { get; }

    public SqlUserStore Users { get; }

    public SqlExportSource Export { get; }

    public static async Task<TestStore> OpenAsync(string provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "groundwork-data-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        TemporaryDatabase? database = null;
        GroundworkDatabase db;
        if (provider == "postgres")
        {
            database = await PostgresServer.CreateDatabaseAsync();
            db = new PostgresDatabase(database.ConnectionString);
        }
        else
        {
            db = new SqliteDatabase(Path.Combine(folder, "test.db"));
        }

        db.Migrate();
        return new TestStore(db, folder, database);
    }

    public async Task<(long UserId, Project Project)> SeedAsync(int overlap = 1)
    {
        var user = await Users.CreateAsync("owner@example.com", "Owner", isAdmin: true, CancellationToken.None);
        var project = await Projects.CreateAsync(new ProjectDraft("p", "<View/>", string.Empty, overlap), user!.Id, CancellationToken.None);
        return (user.Id, project);
    }

    public async ValueTask DisposeAsync()
    {
        Db.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
