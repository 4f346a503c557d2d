using Groundwork.Hosting;

namespace Groundwork.Cli;

/// <summary>A temporary folder and store for one benchmark run (or the requested database), removed afterwards.</summary>
internal sealed class BenchWorkspace : IDisposable
{
    private BenchWorkspace(string folder, StorageOptions options)
    {
        Folder = folder;
        Options = options;
    }

    public string Folder { get; }

    public StorageOptions Options { get; }

    public static BenchWorkspace Create(StorageOptions requested)
    {
        var folder = Path.Combine(Path.GetTempPath(), "groundwork-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var options = new StorageOptions { Database = requested.Database, DataDirectory = folder };
        return new BenchWorkspace(folder, options);
    }

    public void Dispose()
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
