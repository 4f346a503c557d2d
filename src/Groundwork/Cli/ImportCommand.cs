using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using Groundwork.Core.Import;
using Groundwork.Formats.Import;
using Spectre.Console;

namespace Groundwork.Cli;

/// <summary>
/// <c>groundwork import</c>: bulk-import a file or a folder of media into a project, locally or through a server, with a
/// progress bar. With <c>--server</c> a folder is sent as a zip written while it uploads.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var store = new StoreOptionsBinder();
        var remote = new RemoteOptionsBinder();
        var project = new Option<long>("--project", "-p") { Description = "Project id", Required = true };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "A .json, .jsonl, .ndjson, .csv or .tsv file of tasks, a .txt list of URLs, or a .zip of images, audio or video" };
        var folder = new Option<DirectoryInfo?>("--folder") { Description = "A folder of images, audio or video (searched recursively): one task per file" };
        var batch = new Option<string?>("--batch") { Description = "Batch name for tasks that have none" };
        var command = new Command("import", "Bulk-import tasks, a URL list or media files into a project");
        command.Options.Add(project);
        command.Options.Add(file);
        command.Options.Add(folder);
        command.Options.Add(batch);
        store.AddTo(command);
        remote.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file);
            var directory = parse.GetValue(folder);
            if ((path is null) == (directory is null))
            {
                await Console.Error.WriteLineAsync("error: give either --file or --folder");
                return 2;
            }

            if (path is { Exists: false } || directory is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"error: {(path?.FullName ?? directory!.FullName)} does not exist");
                return 2;
            }

            var projectId = parse.GetValue(project);
            using var client = remote.CreateClient(parse);
            if (client is not null)
            {
                return directory is not null
                    ? await RemoteFolderAsync(client, projectId, directory, parse.GetValue(batch), cancellationToken)
                    : await RemoteAsync(client, projectId, path!, parse.GetValue(batch), cancellationToken);
            }

            var options = store.Read(parse);
            using var local = LocalStore.Open(options);
            if (await local.Projects.GetAsync(projectId, cancellationToken) is null)
            {
                await Console.Error.WriteLineAsync($"error: project {projectId} does not exist");
                return 2;
            }

            try
            {
                LocalImportOutcome? outcome = null;
                await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
                {
                    var reading = directory is null
                        ? context.AddTask("reading", maxValue: Math.Max(1, path!.Length))
                        : context.AddTask("media files", maxValue: Math.Max(1, ZipFolderContent.Files(directory.FullName).Count));
                    var writing = context.AddTask("storing", autoStart: false);
                    outcome = await LocalImport.RunAsync(
                        local, projectId, path?.FullName ?? directory!.FullName, new ImportDefaults(parse.GetValue(batch)), Path.Combine(options.DataDirectory, "spool"),
                        bytes => reading.Value = bytes,
                        new Progress<long>(done => { writing.StartTask(); writing.MaxValue = Math.Max(writing.MaxValue, done); writing.Value = done; }),
                        cancellationToken,
                        new Progress<long>(files => reading.Value = files));
                    reading.Value = reading.MaxValue;
                    writing.Value = writing.MaxValue;
                });
                var result = outcome!.Result;
                Console.WriteLine($"created {result.Created}, skipped {result.Skipped}, annotations {result.Annotations}, predictions {result.Predictions}");
                if (outcome.Media is { } media)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"media: {media.Files} files, {media.BlobsStored} stored, {media.BlobsReused} already stored, {media.Bytes} bytes, {media.SkippedCount} skipped{(media.Skipped.Count > 0 ? " (" + string.Join(", ", media.Skipped) + ")" : string.Empty)}"));
                }

                return 0;
            }
            catch (ImportFormatException ex)
            {
                await Console.Error.WriteLineAsync(ex.Line > 0 ? $"error: line {ex.Line}: {ex.Message}; nothing was imported" : $"error: {ex.Message}; nothing was imported");
                return 1;
            }
            catch (MediaImportException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RemoteAsync(HttpClient client, long projectId, FileInfo path, string? batch, CancellationToken cancellationToken)
    {
        var contentType = Path.GetExtension(path.Name).ToLowerInvariant() switch
        {
            ".json" => "application/json",
            ".jsonl" or ".ndjson" => "application/x-ndjson",
            ".csv" => "text/csv",
            ".tsv" => "text/tab-separated-values",
            ".txt" => "text/uri-list",
            ".zip" => "application/zip",
            _ => null,
        };
        if (contentType is null)
        {
            await Console.Error.WriteLineAsync($"error: cannot import '{path.Name}': use a .json, .jsonl, .ndjson, .csv, .tsv, .txt (URLs) or .zip (media) file, or --folder");
            return 2;
        }

        HttpResponseMessage? response = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
        {
            var upload = context.AddTask("uploading", maxValue: Math.Max(1, path.Length));
            await using var stream = new ProgressStream(path.OpenRead(), bytes => upload.Value = bytes);
            using var content = new StreamContent(stream, 1 << 16);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Headers.ContentLength = path.Length;
            response = await client.PostAsync(ImportUrl(projectId, batch), content, cancellationToken);
        });
        return await ReportAsync(response!, cancellationToken);
    }

    private static async Task<int> RemoteFolderAsync(HttpClient client, long projectId, DirectoryInfo folder, string? batch, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
        {
            var upload = context.AddTask("uploading files", maxValue: Math.Max(1, ZipFolderContent.Files(folder.FullName).Count));
            using var content = new ZipFolderContent(folder.FullName, files => upload.Value = files);
            response = await client.PostAsync(ImportUrl(projectId, batch), content, cancellationToken);
        });
        return await ReportAsync(response!, cancellationToken);
    }

    private static Uri ImportUrl(long projectId, string? batch) =>
        new(string.Create(CultureInfo.InvariantCulture, $"api/v1/projects/{projectId}/import") + (batch is null ? string.Empty : $"?batch={Uri.EscapeDataString(batch)}"), UriKind.Relative);

    private static async Task<int> ReportAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            (response.IsSuccessStatusCode ? Console.Out : Console.Error).WriteLine(body);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
    }
}
