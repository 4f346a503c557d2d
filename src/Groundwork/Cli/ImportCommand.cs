using System.CommandLine;
using System.Net.Http.Headers;
using Groundwork.Core.Import;
using Groundwork.Formats.Import;
using Spectre.Console;

namespace Groundwork.Cli;

/// <summary><c>groundwork import</c>: bulk-import a file into a project, locally or through a server, with a progress bar.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var store = new StoreOptionsBinder();
        var remote = new RemoteOptionsBinder();
        var project = new Option<long>("--project", "-p") { Description = "Project id", Required = true };
        var file = new Option<FileInfo>("--file", "-f") { Description = "A .json, .jsonl, .ndjson, .csv or .tsv file", Required = true };
        var batch = new Option<string?>("--batch") { Description = "Batch name for tasks that have none" };
        var command = new Command("import", "Bulk-import tasks into a project");
        command.Options.Add(project);
        command.Options.Add(file);
        command.Options.Add(batch);
        store.AddTo(command);
        remote.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist");
                return 2;
            }

            var projectId = parse.GetValue(project);
            using var client = remote.CreateClient(parse);
            if (client is not null)
            {
                return await RemoteAsync(client, projectId, path, parse.GetValue(batch), cancellationToken);
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
                ImportResult? result = null;
                await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
                {
                    var reading = context.AddTask("reading", maxValue: Math.Max(1, path.Length));
                    var writing = context.AddTask("storing", autoStart: false);
                    result = await LocalImport.RunAsync(
                        local, projectId, path.FullName, new ImportDefaults(parse.GetValue(batch)), Path.Combine(options.DataDirectory, "spool"),
                        bytes => reading.Value = bytes,
                        new Progress<long>(done => { writing.StartTask(); writing.MaxValue = Math.Max(writing.MaxValue, done); writing.Value = done; }),
                        cancellationToken);
                    reading.Value = reading.MaxValue;
                    writing.Value = writing.MaxValue;
                });
                Console.WriteLine($"created {result!.Created}, skipped {result.Skipped}, annotations {result.Annotations}, predictions {result.Predictions}");
                return 0;
            }
            catch (ImportFormatException ex)
            {
                await Console.Error.WriteLineAsync($"error: line {ex.Line}: {ex.Message}; nothing was imported");
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
            _ => null,
        };
        if (contentType is null || TaskReaders.ForContentType(contentType) is null)
        {
            await Console.Error.WriteLineAsync($"error: cannot import '{path.Name}': use a .json, .jsonl, .ndjson, .csv or .tsv file");
            return 2;
        }

        var url = $"api/v1/projects/{projectId}/import" + (batch is null ? string.Empty : $"?batch={Uri.EscapeDataString(batch)}");
        HttpResponseMessage? response = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
        {
            var upload = context.AddTask("uploading", maxValue: Math.Max(1, path.Length));
            await using var stream = new ProgressStream(path.OpenRead(), bytes => upload.Value = bytes);
            using var content = new StreamContent(stream, 1 << 16);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Headers.ContentLength = path.Length;
            response = await client.PostAsync(new Uri(url, UriKind.Relative), content, cancellationToken);
        });
        using (response)
        {
            var body = await response!.Content.ReadAsStringAsync(cancellationToken);
            (response.IsSuccessStatusCode ? Console.Out : Console.Error).WriteLine(body);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
    }
}
