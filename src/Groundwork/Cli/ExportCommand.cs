using System.CommandLine;
using Groundwork.Core.Export;
using Groundwork.Formats.Export;
using Groundwork.Formats.LabelConfigs;
using Spectre.Console;

namespace Groundwork.Cli;

/// <summary><c>groundwork export</c>: stream a project to a file, locally or from a server, with a progress bar.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var store = new StoreOptionsBinder();
        var remote = new RemoteOptionsBinder();
        var project = new Option<long>("--project", "-p") { Description = "Project id", Required = true };
        var format = new Option<string>("--format") { Description = "json (Label Studio JSON), jsonl, csv, json_min, coco, yolo, voc, conll2003, sft or preference", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong([.. ExportFormats.All]);
        var output = new Option<FileInfo>("--output", "-o") { Description = "File to write", Required = true };
        var command = new Command("export", "Export a project's tasks with their annotations");
        command.Options.Add(project);
        command.Options.Add(format);
        command.Options.Add(output);
        store.AddTo(command);
        remote.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var projectId = parse.GetValue(project);
            var formatName = parse.GetValue(format)!;
            var target = parse.GetValue(output)!;
            using var client = remote.CreateClient(parse);
            if (client is not null)
            {
                using var response = await client.GetAsync(new Uri($"api/v1/projects/{projectId}/export?format={formatName}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync(await response.Content.ReadAsStringAsync(cancellationToken));
                    return 1;
                }

                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using var file = target.Create();
                await body.CopyToAsync(file, cancellationToken);
                Console.WriteLine($"wrote {target.FullName} ({file.Length} bytes)");
                return 0;
            }

            using var local = LocalStore.Open(store.Read(parse));
            var found = await local.Projects.GetAsync(projectId, cancellationToken);
            if (found is null)
            {
                await Console.Error.WriteLineAsync($"error: project {projectId} does not exist");
                return 2;
            }

            IExportWriter? writer = null;
            if (formatName is not ("json" or "jsonl"))
            {
                var config = LabelConfigParser.Parse(found.LabelConfig).Config;
                writer = config is null ? null : ExportFormats.Create(formatName, config);
                if (writer is null)
                {
                    await Console.Error.WriteLineAsync($"error: the project's labeling configuration cannot be exported as {formatName}");
                    return 2;
                }
            }

            var total = await local.Tasks.CountAsync(projectId, cancellationToken);
            long written = 0;
            await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
            {
                var bar = context.AddTask("exporting", maxValue: Math.Max(1, total));
                written = writer is null
                    ? await WriteAsync(local.Export, projectId, formatName, target.FullName, done => bar.Value = done, cancellationToken)
                    : await WriteWithAsync(writer, local.Export, projectId, target.FullName, done => bar.Value = done, cancellationToken);
                bar.Value = bar.MaxValue;
            });
            Console.WriteLine($"exported {written} tasks to {target.FullName}");
            return 0;
        });
        return command;
    }

    /// <summary>Streams the project to a file; reports the task count every 10,000 tasks.</summary>
    public static async Task<long> WriteAsync(IExportSource source, long projectId, string format, string path, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var tasks = Counted(source.ReadProjectAsync(projectId, cancellationToken), progress, cancellationToken);
        return format == "jsonl"
            ? await JsonLinesWriter.WriteAsync(tasks, file, cancellationToken)
            : await LabelStudioJsonWriter.WriteAsync(tasks, file, cancellationToken);
    }

    /// <summary>Streams the project to a file through one of the training-format writers.</summary>
    public static async Task<long> WriteWithAsync(IExportWriter writer, IExportSource source, long projectId, string path, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(source);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        long count = 0;
        await writer.WriteStartAsync(file, cancellationToken);
        await foreach (var task in Counted(source.ReadProjectAsync(projectId, cancellationToken), progress, cancellationToken))
        {
            await writer.WriteTaskAsync(task, cancellationToken);
            count++;
        }

        await writer.WriteEndAsync(cancellationToken);
        return count;
    }

    private static async IAsyncEnumerable<ExportTask> Counted(IAsyncEnumerable<ExportTask> tasks, Action<long>? progress, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var task in tasks.WithCancellation(cancellationToken))
        {
            yield return task;
            if (++count % 10_000 == 0)
            {
                progress?.Invoke(count);
            }
        }

        progress?.Invoke(count);
    }
}
