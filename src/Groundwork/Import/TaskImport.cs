using Groundwork.Core.Import;
using Groundwork.Core.Storage;
using Groundwork.Formats.Import;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Formats.Media;

namespace Groundwork.Import;

/// <summary>
/// One import into one project, as the API and the CLI run it: whatever the input (task files, a URL list, a zip of
/// media, a folder), its tasks go through <see cref="CheckedSpool"/> (checked against the label config's variables)
/// into the spool, which the caller then stores in one transaction. Media files are streamed into the blob store as
/// they are read (<see cref="MediaImporter"/>); a failure raises <see cref="ImportFormatException"/> or
/// <see cref="MediaImportException"/> and the caller stores nothing.
/// </summary>
public sealed class TaskImport(long projectId, LabelConfig? config, ImportDefaults defaults, CheckedSpool spool, IBlobStore blobs, MediaImportLimits limits, string workFolder)
{
    /// <summary>What the media of this import came to, or null when it had none.</summary>
    public MediaImportSummary? Media { get; private set; }

    public static TaskImport Create(long projectId, string labelConfig, ImportDefaults defaults, TaskSpool spool, IBlobStore blobs, MediaImportLimits limits, string workFolder)
    {
        var parsed = LabelConfigParser.Parse(labelConfig ?? string.Empty);
        var config = parsed.IsValid ? parsed.Config : null;
        return new TaskImport(projectId, config, defaults, new CheckedSpool(spool, config is null ? null : TaskVariableCheck.For(config)), blobs, limits, workFolder);
    }

    /// <summary>Tasks in one of the task formats (JSON, JSONL, CSV, TSV).</summary>
    public Task ReadTasksAsync(ITaskReader reader, Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return spool.AddAllAsync(reader.ReadAsync(input, defaults, cancellationToken), cancellationToken);
    }

    /// <summary>A list of URLs, one task each, in the config's one object variable.</summary>
    public Task ReadUriListAsync(Stream input, CancellationToken cancellationToken)
    {
        var target = config is null ? throw new ImportFormatException("the project's label config does not parse, so a URL list has no variable to fill", 0)
            : MediaTargets.UrlVariable(config, out var reason) ?? throw new ImportFormatException($"a URL list cannot be imported here: {reason}", 0);
        return ReadTasksAsync(new UriListTaskReader(target), input, cancellationToken);
    }

    /// <summary>A zip archive arriving as a stream: spooled to a temporary file (never to memory), then read as a zip.</summary>
    public async Task ReadZipStreamAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        Directory.CreateDirectory(workFolder);
        var file = new FileStream(
            Path.Combine(workFolder, "upload-" + Guid.NewGuid().ToString("N") + ".zip"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await body.CopyToAsync(file, 1 << 16, cancellationToken);
            await file.FlushAsync(cancellationToken);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        await ReadZipAsync(file, cancellationToken);
    }

    /// <summary>A zip archive in a seekable stream (disposed when read).</summary>
    public async Task ReadZipAsync(Stream archive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ZipMediaSource source;
        try
        {
            source = ZipMediaSource.Open(archive, limits);
        }
        catch
        {
            await archive.DisposeAsync();
            throw;
        }

        using (source)
        {
            await ReadMediaAsync(source, null, cancellationToken);
        }
    }

    /// <summary>The media files under a folder (CLI imports on the machine that holds them).</summary>
    public async Task ReadFolderAsync(string folder, IProgress<long>? filesDone, CancellationToken cancellationToken)
    {
        using var source = FolderMediaSource.Open(folder, limits);
        await ReadMediaAsync(source, filesDone, cancellationToken);
    }

    private async Task ReadMediaAsync(IMediaSource source, IProgress<long>? filesDone, CancellationToken cancellationToken)
    {
        if (config is null)
        {
            throw new MediaImportException("The project's label config does not parse, so media have no object tag to fill.", entry: null);
        }

        var importer = new MediaImporter(blobs, limits, workFolder);
        var summary = await importer.ImportAsync(projectId, source, MediaTargets.From(config), defaults, (task, path) => spool.Add(task, path), filesDone, cancellationToken);
        Media = Media is null ? summary : Combine(Media, summary);
    }

    private static MediaImportSummary Combine(MediaImportSummary a, MediaImportSummary b) => new(
        a.Files + b.Files, a.BlobsStored + b.BlobsStored, a.BlobsReused + b.BlobsReused, a.Bytes + b.Bytes, a.SkippedCount + b.SkippedCount,
        [.. a.Skipped.Concat(b.Skipped).Take(MediaImporter.MaxListedSkips)]);
}
