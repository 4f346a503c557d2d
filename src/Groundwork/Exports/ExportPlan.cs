using System.Runtime.CompilerServices;
using Groundwork.Core.Export;
using Groundwork.Formats.Export;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Exports;

/// <summary>
/// One export as asked for (a format and a choice of annotations) and checked against the project's labeling
/// configuration, and the one way it is written: the direct export route and the background jobs both go
/// through <see cref="WriteAsync"/>, so a job's file is byte for byte what the route streams.
/// </summary>
public sealed record ExportPlan
{
    public const string AllAnnotations = "all";
    public const string Consensus = "consensus";
    public const string ConsensusOnly = "consensus_only";

    private readonly LabelConfig? _config;

    private ExportPlan(string format, string annotations, LabelConfig? config, string contentType, string fileExtension)
    {
        Format = format;
        Annotations = annotations;
        _config = config;
        ContentType = contentType;
        FileExtension = fileExtension;
    }

    /// <summary>The format's name as the API takes it (lower case).</summary>
    public string Format { get; }

    /// <summary><c>all</c>, <c>consensus</c> or <c>consensus_only</c>.</summary>
    public string Annotations { get; }

    /// <summary>The MIME type of the output.</summary>
    public string ContentType { get; }

    /// <summary>The output's file extension, with its dot.</summary>
    public string FileExtension { get; }

    /// <summary>Whether annotations a review rejected are written too (their review state says so); by default they are left out.</summary>
    public bool IncludeRejected { get; init; }

    /// <summary>
    /// The plan for <paramref name="format"/> (default json) and <paramref name="annotations"/> (default all) on a project
    /// with <paramref name="labelConfig"/>, or null with the reason: an unknown format or choice, or a configuration
    /// the format cannot express.
    /// </summary>
    public static ExportPlan? Create(string? format, string? annotations, string labelConfig, out ExportPlanError? error)
    {
        var name = (format ?? "json").ToLowerInvariant();
        if (!ExportFormats.All.Contains(name))
        {
            error = new ExportPlanError("Unknown export format", $"format '{format}' is not supported: use one of {string.Join(", ", ExportFormats.All)}.", "format");
            return null;
        }

        var choice = (annotations ?? AllAnnotations).ToLowerInvariant();
        if (choice is not (AllAnnotations or Consensus or ConsensusOnly))
        {
            error = new ExportPlanError("Unknown annotations choice", $"annotations '{annotations}' is not supported: use all, consensus or consensus_only.", "annotations");
            return null;
        }

        error = null;
        switch (name)
        {
            case "json":
                return new ExportPlan(name, choice, null, "application/json; charset=utf-8", ".json");
            case "jsonl":
                return new ExportPlan(name, choice, null, "application/x-ndjson; charset=utf-8", ".jsonl");
        }

        var config = LabelConfigParser.Parse(labelConfig).Config;
        IExportWriter? writer;
        string? why = null;
        try
        {
            writer = config is null ? null : ExportFormats.Create(name, config);
        }
        catch (ArgumentException e)
        {
            // A writer refuses a configuration it cannot express (COCO without an <Image>, CoNLL without <Labels> ...).
            writer = null;
            why = e.Message.Split(" (Parameter", 2)[0];
        }

        if (writer is null)
        {
            error = new ExportPlanError("Export not possible", $"The project's labeling configuration cannot be exported as {name}{(why is null ? "" : ": " + why)}.", "format");
            return null;
        }

        return new ExportPlan(name, choice, config, writer.ContentType, writer.FileExtension);
    }

    /// <summary>
    /// Streams the project to <paramref name="output"/> (never closed here); <paramref name="progress"/> counts the
    /// tasks read. Returns how many tasks were read.
    /// </summary>
    public async Task<long> WriteAsync(IExportSource source, long projectId, Stream output, ExportProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        var tasks = source.ReadProjectAsync(projectId, IncludeRejected, cancellationToken);
        var read = Annotations == AllAnnotations ? tasks : WithConsensus(tasks, Annotations == ConsensusOnly);
        var counted = Counted(read, progress, cancellationToken);
        if (_config is null)
        {
            return Format == "json"
                ? await LabelStudioJsonWriter.WriteAsync(counted, output, cancellationToken)
                : await JsonLinesWriter.WriteAsync(counted, output, cancellationToken);
        }

        var writer = ExportFormats.Create(Format, _config)!;
        long count = 0;
        await writer.WriteStartAsync(output, cancellationToken);
        await foreach (var task in counted)
        {
            await writer.WriteTaskAsync(task, cancellationToken);
            count++;
        }

        await writer.WriteEndAsync(cancellationToken);
        return count;
    }

    private static async IAsyncEnumerable<ExportTask> Counted(IAsyncEnumerable<ExportTask> tasks, ExportProgress? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var task in tasks.WithCancellation(cancellationToken))
        {
            progress?.AddTask();
            yield return task;
        }
    }

    /// <summary>Each task with its consensus in place of its annotations (an annotation of origin "consensus"); tasks without one keep their annotations, or are left out.</summary>
    private static async IAsyncEnumerable<ExportTask> WithConsensus(IAsyncEnumerable<ExportTask> tasks, bool consensusOnly)
    {
        await foreach (var task in tasks)
        {
            if (task.ConsensusJson is { } consensus)
            {
                yield return task with { Annotations = [new ExportAnnotation(0, 0, consensus, null, "consensus", task.CreatedAt, task.CreatedAt)] };
            }
            else if (!consensusOnly)
            {
                yield return task;
            }
        }
    }
}
