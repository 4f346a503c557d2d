using Groundwork.Core.Events;
using Groundwork.Core.Import;
using Groundwork.Formats.Import;
using Groundwork.Formats.Media;
using Groundwork.Import;

namespace Groundwork.Cli;

/// <summary>
/// The import the CLI runs against a local store: the same readers, checks, media import, spool and store as the API's.
/// <c>path</c> is a task file (.json, .jsonl, .ndjson, .csv, .tsv), a URL list (.txt), a zip of media (.zip) or a folder of media.
/// </summary>
public static class LocalImport
{
    public static async Task<LocalImportOutcome> RunAsync(
        LocalStore store, long projectId, string path, ImportDefaults defaults, string spoolFolder, Action<long>? bytesRead, IProgress<long>? tasksWritten, CancellationToken cancellationToken,
        IProgress<long>? filesDone = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var project = await store.Projects.GetAsync(projectId, cancellationToken) ?? throw new InvalidOperationException($"Project {projectId} does not exist.");
        var admin = await store.AdminAsync(cancellationToken);
        using var spool = TaskSpool.Create(spoolFolder);
        var import = TaskImport.Create(projectId, project.LabelConfig, defaults, spool, store.Blobs, MediaImportLimits.Default, spoolFolder);
        if (Directory.Exists(path))
        {
            await import.ReadFolderAsync(path, filesDone, cancellationToken);
        }
        else
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            var input = new ProgressStream(
                new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous), bytesRead ?? (_ => { }));
            if (extension == ".zip")
            {
                // The zip reader seeks: it gets the file itself (progress is by files).
                await input.DisposeAsync();
                await import.ReadZipAsync(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess), cancellationToken);
            }
            else
            {
                await using (input)
                {
                    if (extension == ".txt")
                    {
                        await import.ReadUriListAsync(input, cancellationToken);
                    }
                    else
                    {
                        var reader = TaskReaders.ForFileName(path)
                            ?? throw new InvalidOperationException($"Cannot import '{path}': use a .json, .jsonl, .ndjson, .csv, .tsv, .txt (URLs) or .zip (media) file, or a folder.");
                        await import.ReadTasksAsync(reader, input, cancellationToken);
                    }
                }
            }
        }

        // The audit log records the CLI's import as the admin's, from "cli".
        using (ActorScope.Begin(new Actor(admin.Id, "cli")))
        {
            var result = await store.Tasks.ImportAsync(projectId, admin.Id, spool, tasksWritten, cancellationToken);
            return new LocalImportOutcome(result, import.Media);
        }
    }
}
