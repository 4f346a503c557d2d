using Groundwork.Core.Events;
using Groundwork.Core.Import;
using Groundwork.Formats.Import;

namespace Groundwork.Cli;

/// <summary>The import the CLI runs against a local store: the same readers, spool and store as the API's.</summary>
public static class LocalImport
{
    public static async Task<ImportResult> RunAsync(
        LocalStore store, long projectId, string file, ImportDefaults defaults, string spoolFolder, Action<long>? bytesRead, IProgress<long>? tasksWritten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var reader = TaskReaders.ForFileName(file)
            ?? throw new InvalidOperationException($"Cannot import '{file}': use a .json, .jsonl, .ndjson, .csv or .tsv file.");
        var admin = await store.AdminAsync(cancellationToken);
        using var spool = TaskSpool.Create(spoolFolder);
        await using (var input = new ProgressStream(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous), bytesRead ?? (_ => { })))
        {
            await foreach (var task in reader.ReadAsync(input, defaults, cancellationToken))
            {
                spool.Add(task);
            }
        }

        // The audit log records the CLI's import as the admin's, from "cli".
        using (ActorScope.Begin(new Actor(admin.Id, "cli")))
        {
            return await store.Tasks.ImportAsync(projectId, admin.Id, spool, tasksWritten, cancellationToken);
        }
    }
}
