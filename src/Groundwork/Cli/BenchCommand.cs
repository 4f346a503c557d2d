using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Groundwork.Core.Events;
using Groundwork.Core.Projects;
using Groundwork.Data.Events;
using Groundwork.Formats.Export;
using Groundwork.Formats.Import;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Core.Export;
using Groundwork.Data.Blobs;
using Groundwork.Data.Stores;
using Groundwork.Exports;
using Groundwork.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Groundwork.Cli;

/// <summary>
/// <c>groundwork bench ...</c>: whole-system benchmarks. Each prints a readable summary and ends with
/// one JSON line of figures. They run against a fresh throwaway store unless <c>--db</c> names one.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Whole-system benchmarks (each ends with a JSON line of figures)");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateImportMedia());
        command.Subcommands.Add(CreateExport());
        command.Subcommands.Add(CreateAggregate());
        command.Subcommands.Add(BenchServeCommand.Create());
        return command;
    }

    private static Command CreateImport()
    {
        var store = new StoreOptionsBinder();
        var tasks = new Option<int>("--tasks") { Description = "How many tasks to generate and import", DefaultValueFactory = _ => 1_000_000 };
        var subscribed = new Option<bool>("--subscribed") { Description = "Subscribe a webhook to task.created first, so the import also queues one outbox delivery per task" };
        var command = new Command("import", "Generate a JSONL file of small text tasks and import it");
        command.Options.Add(tasks);
        command.Options.Add(subscribed);
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(tasks);
            using var workspace = BenchWorkspace.Create(store.Read(parse));
            var file = Path.Combine(workspace.Folder, "tasks.jsonl");
            var generated = Stopwatch.StartNew();
            var bytes = await GenerateAsync(file, count, withAnnotations: false, cancellationToken);
            generated.Stop();

            using var local = LocalStore.Open(workspace.Options);
            var admin = await local.AdminAsync(cancellationToken);
            var project = await local.Projects.CreateAsync(new ProjectDraft("bench import", BenchConfig, string.Empty, 1), admin.Id, cancellationToken);
            var withSubscriber = parse.GetValue(subscribed);
            if (withSubscriber)
            {
                // Never dispatched (no server runs here): the figure is the cost of writing the outbox rows.
                await new SqlWebhookStore(local.Database, TimeProvider.System).CreateAsync(
                    project.Id, new WebhookDraft("http://127.0.0.1:9/bench", [EventKinds.TaskCreated], true), "bench-secret-never-used", admin.Id, cancellationToken);
            }

            GC.Collect();
            BenchReport.ResetPeakRss();
            var clock = Stopwatch.StartNew();
            var result = (await LocalImport.RunAsync(local, project.Id, file, ImportDefaults.None, workspace.Folder, null, null, cancellationToken)).Result;
            clock.Stop();
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = BenchReport.PeakRssMegabytes();
            BenchReport.Print(
                $"bench import: {count:N0} tasks into {local.Database.Provider}{(withSubscriber ? ", with a task.created subscriber" : string.Empty)}",
                [
                    ("input", $"{bytes / 1024.0 / 1024.0:F1} MiB JSONL, generated in {generated.Elapsed.TotalSeconds:F2} s"),
                    ("created / skipped", $"{result.Created:N0} / {result.Skipped:N0}"),
                    ("wall time", $"{seconds:F2} s"),
                    ("throughput", $"{count / seconds:N0} tasks/s"),
                    ("peak RSS", $"{peak:F1} MiB"),
                ],
                new Dictionary<string, object>
                {
                    ["bench"] = "import",
                    ["provider"] = local.Database.Provider.ToString().ToLowerInvariant(),
                    ["subscribed"] = withSubscriber,
                    ["tasks"] = count,
                    ["created"] = result.Created,
                    ["tasks_per_second"] = Math.Round(count / seconds),
                    ["wall_seconds"] = BenchReport.Round(seconds, 3),
                    ["peak_rss_mb"] = peak,
                });
            return result.Created == count ? 0 : 1;
        });
        return command;
    }

    private static Command CreateImportMedia()
    {
        var store = new StoreOptionsBinder();
        var images = new Option<int>("--images") { Description = "How many PNG files to generate and import", DefaultValueFactory = _ => 10_000 };
        var size = new Option<int>("--size") { Description = "Width and height of each image in pixels (noise: about 3 bytes a pixel)", DefaultValueFactory = _ => 64 };
        var zip = new Option<bool>("--zip") { Description = "Pack the folder into a zip (stored) and import the zip instead of the folder" };
        var command = new Command("import-media", "Generate a folder of small PNG images and import it as media (one blob and one task per file)");
        command.Options.Add(images);
        command.Options.Add(size);
        command.Options.Add(zip);
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(images);
            var pixels = parse.GetValue(size);
            var asZip = parse.GetValue(zip);
            using var workspace = BenchWorkspace.Create(store.Read(parse));
            var folder = Path.Combine(workspace.Folder, "images");
            var generated = Stopwatch.StartNew();
            long bytes = 0;
            for (var i = 0; i < count; i++)
            {
                var sub = Path.Combine(folder, (i / 1000).ToString("D3", CultureInfo.InvariantCulture));
                if (i % 1000 == 0)
                {
                    Directory.CreateDirectory(sub);
                }

                bytes += BenchImages.Write(Path.Combine(sub, $"img{i:D6}.png"), pixels, i);
            }

            var input = folder;
            if (asZip)
            {
                input = Path.Combine(workspace.Folder, "images.zip");
                await using var file = new FileStream(input, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                using var content = new ZipFolderContent(folder);
                await content.CopyToAsync(file, cancellationToken);
                Directory.Delete(folder, recursive: true);
            }

            generated.Stop();
            using var local = LocalStore.Open(workspace.Options);
            var admin = await local.AdminAsync(cancellationToken);
            var project = await local.Projects.CreateAsync(new ProjectDraft("bench import-media", MediaBenchConfig, string.Empty, 1), admin.Id, cancellationToken);

            GC.Collect();
            BenchReport.ResetPeakRss();
            var clock = Stopwatch.StartNew();
            var outcome = await LocalImport.RunAsync(local, project.Id, input, ImportDefaults.None, Path.Combine(workspace.Folder, "spool"), null, null, cancellationToken);
            clock.Stop();
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = BenchReport.PeakRssMegabytes();
            var media = outcome.Media!;
            BenchReport.Print(
                $"bench import-media: {count:N0} PNG files of {pixels}x{pixels} from a {(asZip ? "zip" : "folder")} into {local.Database.Provider} and the {(local.Blobs is Data.Blobs.S3BlobStore ? "S3" : "local")} blob store",
                [
                    ("input", $"{bytes / 1024.0 / 1024.0:F1} MiB in {count:N0} files, generated in {generated.Elapsed.TotalSeconds:F2} s"),
                    ("created / skipped", $"{outcome.Result.Created:N0} / {outcome.Result.Skipped:N0}"),
                    ("blobs stored", $"{media.BlobsStored:N0} ({media.Bytes / 1024.0 / 1024.0:F1} MiB)"),
                    ("wall time", $"{seconds:F2} s"),
                    ("throughput", $"{count / seconds:N0} files/s, {media.Bytes / 1024.0 / 1024.0 / seconds:F1} MiB/s"),
                    ("peak RSS", $"{peak:F1} MiB"),
                ],
                new Dictionary<string, object>
                {
                    ["bench"] = "import-media",
                    ["provider"] = local.Database.Provider.ToString().ToLowerInvariant(),
                    ["source"] = asZip ? "zip" : "folder",
                    ["images"] = count,
                    ["image_pixels"] = pixels,
                    ["bytes"] = media.Bytes,
                    ["created"] = outcome.Result.Created,
                    ["files_per_second"] = Math.Round(count / seconds),
                    ["wall_seconds"] = BenchReport.Round(seconds, 3),
                    ["peak_rss_mb"] = peak,
                });
            return outcome.Result.Created == count ? 0 : 1;
        });
        return command;
    }

    internal const string MediaBenchConfig = """<View><Image name="image" value="$image"/><RectangleLabels name="box" toName="image"><Label value="object"/></RectangleLabels></View>""";

    private static Command CreateExport()
    {
        var store = new StoreOptionsBinder();
        var tasks = new Option<int>("--tasks") { Description = "How many tasks (each with one annotation) to export", DefaultValueFactory = _ => 1_000_000 };
        var format = new Option<string>("--format") { Description = "json, jsonl or a writer format (csv, parquet ...); coco, yolo and voc export image tasks with --boxes boxes each", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong([.. ExportFormats.All]);
        var boxes = new Option<int>("--boxes") { Description = "Rectangles per image task for coco, yolo and voc", DefaultValueFactory = _ => 5 };
        var viaJob = new Option<bool>("--job") { Description = "Run the export as a background job (the worker's path: a pipe into the local blob store) instead of writing a file directly" };
        var command = new Command("export", "Import tasks with one annotation each, then export them");
        command.Options.Add(tasks);
        command.Options.Add(format);
        command.Options.Add(boxes);
        command.Options.Add(viaJob);
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(tasks);
            var formatName = parse.GetValue(format)!;
            var boxCount = parse.GetValue(boxes);
            var images = formatName is "coco" or "yolo" or "voc";
            var config = images ? ImageBenchConfig : BenchConfig;
            using var workspace = BenchWorkspace.Create(store.Read(parse));
            var file = Path.Combine(workspace.Folder, "tasks.jsonl");
            if (images)
            {
                await GenerateImagesAsync(file, count, boxCount, cancellationToken);
            }
            else
            {
                await GenerateAsync(file, count, withAnnotations: true, cancellationToken);
            }

            using var local = LocalStore.Open(workspace.Options);
            var admin = await local.AdminAsync(cancellationToken);
            var project = await local.Projects.CreateAsync(new ProjectDraft("bench export", config, string.Empty, 1), admin.Id, cancellationToken);
            var setup = Stopwatch.StartNew();
            await LocalImport.RunAsync(local, project.Id, file, ImportDefaults.None, workspace.Folder, null, null, cancellationToken);
            setup.Stop();
            File.Delete(file);

            var job = parse.GetValue(viaJob);
            var output = Path.Combine(workspace.Folder, "export." + formatName);
            GC.Collect();
            BenchReport.ResetPeakRss();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long written;
            long size;
            if (job)
            {
                (written, size) = await ExportAsJobAsync(local, project.Id, admin.Id, formatName, Path.Combine(workspace.Folder, "blobs"), cancellationToken);
            }
            else
            {
                var writer = formatName is "json" or "jsonl" ? null : ExportFormats.Create(formatName, LabelConfigParser.Parse(config).Config!);
                written = writer is null
                    ? await ExportCommand.WriteAsync(local.Export, project.Id, formatName, output, null, cancellationToken)
                    : await ExportCommand.WriteWithAsync(writer, local.Export, project.Id, output, null, cancellationToken);
                size = new FileInfo(output).Length;
            }

            clock.Stop();
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var peak = BenchReport.PeakRssMegabytes();
            var what = images ? $"image tasks with {boxCount} boxes each" : "tasks with one annotation each";
            BenchReport.Print(
                $"bench export: {count:N0} {what} from {local.Database.Provider} to {formatName}{(job ? " as a background job" : string.Empty)}",
                [
                    ("setup (import)", $"{setup.Elapsed.TotalSeconds:F2} s"),
                    ("exported", $"{written:N0} tasks, {size / 1024.0 / 1024.0:F1} MiB"),
                    ("wall time", $"{seconds:F2} s (process CPU {cpu:F2} s: on a shared machine the steadier figure)"),
                    ("throughput", images ? $"{written / seconds:N0} images/s, {written * boxCount / seconds:N0} boxes/s" : $"{written / seconds:N0} tasks/s"),
                    ("peak RSS", $"{peak:F1} MiB"),
                ],
                new Dictionary<string, object>
                {
                    ["bench"] = "export",
                    ["provider"] = local.Database.Provider.ToString().ToLowerInvariant(),
                    ["format"] = formatName,
                    ["job"] = job,
                    ["tasks"] = written,
                    ["boxes_per_task"] = images ? boxCount : 0,
                    ["tasks_per_second"] = Math.Round(written / seconds),
                    ["wall_seconds"] = BenchReport.Round(seconds, 3),
                    ["cpu_seconds"] = BenchReport.Round(cpu, 3),
                    ["bytes"] = size,
                    ["peak_rss_mb"] = peak,
                });
            return written == count ? 0 : 1;
        });
        return command;
    }

    /// <summary>Queues a job and runs it with the server's worker code into a local blob store; returns tasks and bytes written.</summary>
    private static async Task<(long Tasks, long Bytes)> ExportAsJobAsync(LocalStore local, long projectId, long adminId, string format, string blobFolder, CancellationToken cancellationToken)
    {
        var jobs = new SqlExportJobStore(local.Database, TimeProvider.System);
        using var worker = new ExportWorker(
            jobs, local.Projects, local.Export, new LocalBlobStore(blobFolder), Options.Create(new ExportJobOptions()), TimeProvider.System, NullLogger<ExportWorker>.Instance);
        var job = await jobs.CreateAsync(projectId, format, ExportPlan.AllAnnotations, adminId, cancellationToken);
        await worker.RunOnceAsync(cancellationToken);
        var done = await jobs.GetAsync(projectId, job.Id, cancellationToken) ?? throw new InvalidOperationException("the job vanished");
        if (done.State != ExportJobStates.Succeeded)
        {
            throw new InvalidOperationException($"export job {done.Id} ended {done.State}: {done.Error}");
        }

        return (done.TasksWritten, done.Bytes);
    }

    private static Command CreateAggregate()
    {
        var tasks = new Option<int>("--tasks") { Description = "Tasks", DefaultValueFactory = _ => 200_000 };
        var labelsPerTask = new Option<int>("--labels-per-task") { Description = "Labels per task", DefaultValueFactory = _ => 5 };
        var workers = new Option<int>("--workers") { Description = "Workers", DefaultValueFactory = _ => 2_000 };
        var classes = new Option<int>("--classes") { Description = "Classes", DefaultValueFactory = _ => 5 };
        var iterations = new Option<int>("--iterations") { Description = "Dawid-Skene EM iterations", DefaultValueFactory = _ => 100 };
        var command = new Command("aggregate", "Majority vote and Dawid-Skene on a synthetic crowd (default: 1,000,000 labels)");
        command.Options.Add(tasks);
        command.Options.Add(labelsPerTask);
        command.Options.Add(workers);
        command.Options.Add(classes);
        command.Options.Add(iterations);
        command.SetAction(parse =>
        {
            var r = Quality.AggregationBench.Run(parse.GetValue(tasks), parse.GetValue(labelsPerTask), parse.GetValue(workers), parse.GetValue(classes), parse.GetValue(iterations), 42);
            var peak = BenchReport.PeakRssMegabytes();
            BenchReport.Print(
                $"bench aggregate: {r.Labels:N0} labels",
                [
                    ("majority vote", $"{r.MajorityVoteSeconds:F3} s (accuracy {r.MajorityVoteAccuracy:F4})"),
                    ("Dawid-Skene", $"{r.DawidSkeneSeconds:F3} s for {r.DawidSkeneIterations} EM iterations (accuracy {r.DawidSkeneAccuracy:F4})"),
                    ("allocated", $"{r.AllocatedBytes / 1024.0 / 1024.0:F1} MiB"),
                    ("peak RSS", $"{peak:F1} MiB"),
                ],
                new Dictionary<string, object>
                {
                    ["bench"] = "aggregate",
                    ["labels"] = r.Labels,
                    ["mv_seconds"] = BenchReport.Round(r.MajorityVoteSeconds, 4),
                    ["ds_seconds"] = BenchReport.Round(r.DawidSkeneSeconds, 4),
                    ["ds_iterations"] = r.DawidSkeneIterations,
                    ["labels_per_second"] = Math.Round(r.Labels * (double)r.DawidSkeneIterations / r.DawidSkeneSeconds),
                    ["peak_rss_mb"] = peak,
                });
            return 0;
        });
        return command;
    }

    internal const string ImageBenchConfig = """<View><Image name="image" value="$image"/><RectangleLabels name="box" toName="image"><Label value="car"/><Label value="person"/><Label value="bicycle"/><Label value="dog"/><Label value="cat"/></RectangleLabels></View>""";

    /// <summary>Writes <paramref name="count"/> image tasks as JSONL, each with one annotation of <paramref name="boxes"/> rectangles on a 640×480 image.</summary>
    private static async Task GenerateImagesAsync(string path, int count, int boxes, CancellationToken cancellationToken)
    {
        string[] labels = ["car", "person", "bicycle", "dog", "cat"];
        var random = new Random(42);
        await using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var line = new StringBuilder(2048);
        for (var i = 0; i < count; i++)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{{\"unique_id\":\"i{i}\",\"data\":{{\"image\":\"/data/upload/1/img{i:D7}.jpg\"}},\"annotations\":[{{\"result\":[");
            for (var b = 0; b < boxes; b++)
            {
                var x = Math.Round(random.NextDouble() * 80, 4);
                var y = Math.Round(random.NextDouble() * 80, 4);
                var w = Math.Round(1 + (random.NextDouble() * 18), 4);
                var h = Math.Round(1 + (random.NextDouble() * 18), 4);
                line.Append(b == 0 ? "" : ",");
                line.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"b{i}_{b}\",\"from_name\":\"box\",\"to_name\":\"image\",\"type\":\"rectanglelabels\",\"original_width\":640,\"original_height\":480,\"image_rotation\":0,");
                line.Append(CultureInfo.InvariantCulture, $"\"value\":{{\"x\":{x},\"y\":{y},\"width\":{w},\"height\":{h},\"rotation\":0,\"rectanglelabels\":[\"{labels[random.Next(labels.Length)]}\"]}}}}");
            }

            line.Append(CultureInfo.InvariantCulture, $"],\"lead_time\":{1 + random.Next(20)}}}]}}");
            await file.WriteLineAsync(line, cancellationToken);
        }

        await file.FlushAsync(cancellationToken);
    }

    internal const string BenchConfig = """<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices></View>""";

    /// <summary>Writes <paramref name="count"/> small text tasks as JSONL, each with a unique_id (and optionally one annotation).</summary>
    private static async Task<long> GenerateAsync(string path, int count, bool withAnnotations, CancellationToken cancellationToken)
    {
        string[] words = ["label", "data", "model", "quality", "annotator", "review", "task", "ground", "truth", "signal", "noise", "batch"];
        var random = new Random(42);
        await using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var line = new StringBuilder(256);
        for (var i = 0; i < count; i++)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{{\"unique_id\":\"t{i}\",\"data\":{{\"text\":\"");
            var length = 8 + random.Next(8);
            for (var w = 0; w < length; w++)
            {
                line.Append(words[random.Next(words.Length)]).Append(' ');
            }

            line.Append(CultureInfo.InvariantCulture, $"#{i}\"}}");
            if (withAnnotations)
            {
                var choice = random.Next(2) == 0 ? "positive" : "negative";
                line.Append(CultureInfo.InvariantCulture, $",\"annotations\":[{{\"result\":[{{\"id\":\"r{i}\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{{\"choices\":[\"{choice}\"]}}}}],\"lead_time\":{1 + random.Next(20)}}}]");
            }

            line.Append('}');
            await file.WriteLineAsync(line, cancellationToken);
        }

        await file.FlushAsync(cancellationToken);
        return file.BaseStream.Length;
    }
}
