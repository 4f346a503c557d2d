using Groundwork.Core.Projects;
using Groundwork.Core.Quality;
using Groundwork.Core.Tasks;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Quality.Overlap;
using Microsoft.Extensions.Options;

namespace Groundwork.Consensus;

/// <summary>
/// Recomputes consensus and annotator skill for every project whose annotations changed, every
/// <see cref="ConsensusOptions.Interval"/> (or, after a long pass, <see cref="PauseFactor"/> times its length later),
/// writing only the tasks whose outcome changed, and applies adaptive overlap: a task whose confidence is still
/// below the project's target gets one more place in its overlap (up to <c>adaptive_max</c>); a task that
/// reached the target with fewer annotations than a raised overlap is completed.
/// </summary>
public sealed partial class ConsensusWorker(
    IConsensusStore store, IProjectStore projects, ITaskStore tasks, IOptions<ConsensusOptions> options, TimeProvider clock, ILogger<ConsensusWorker> logger) : BackgroundService
{
    /// <summary>
    /// The background share a pass may take: after a pass that took <c>t</c>, the next starts no sooner than
    /// <c>t * PauseFactor</c> later (and never sooner than the interval), so recomputing a large project uses at most
    /// about a fifth of one core however busy the project is.
    /// </summary>
    internal const int PauseFactor = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var pause = options.Value.Interval;
            while (true)
            {
                await Task.Delay(pause, clock, stoppingToken);
                var started = clock.GetTimestamp();
                await RunOnceAsync(stoppingToken);
                var took = clock.GetElapsedTime(started);
                pause = took * PauseFactor > options.Value.Interval ? took * PauseFactor : options.Value.Interval;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over the stale projects; failures are logged and retried on the next pass.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(long ProjectId, string Signature)> stale;
        try
        {
            stale = await store.StaleProjectsAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, 0, exception);
            return;
        }

        foreach (var (projectId, signature) in stale)
        {
            try
            {
                await ComputeAsync(projectId, signature, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, projectId, exception);
            }
        }
    }

    private async Task ComputeAsync(long projectId, string signature, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(projectId, cancellationToken);
        var config = project is null ? null : LabelConfigParser.Parse(project.LabelConfig).Config;
        if (project is null || config is null)
        {
            return;
        }

        var answers = new List<LabeledAnswer>();
        await foreach (var answer in store.ReadAnswersAsync(projectId, cancellationToken))
        {
            answers.Add(answer);
        }

        var computed = ProjectConsensusCalculator.Compute(config, answers, project.Quality.ConsensusMethod, clock.GetUtcNow())
            ?? new ProjectConsensus([], []);
        await store.SaveAsync(projectId, signature, computed.Tasks, computed.Skills, cancellationToken);
        LogComputed(logger, projectId, computed.Tasks.Count, project.Quality.ConsensusMethod);
        if (project.Quality is { AdaptiveTarget: { } target, AdaptiveMax: { } max })
        {
            await ApplyAdaptiveOverlapAsync(project, new AdaptiveOverlapPolicy(target, max, project.Overlap), computed.Tasks, cancellationToken);
        }
    }

    private async Task ApplyAdaptiveOverlapAsync(Project project, AdaptiveOverlapPolicy policy, IReadOnlyList<TaskConsensus> consensus, CancellationToken cancellationToken)
    {
        foreach (var c in consensus.Where(c => c.Annotations >= project.Overlap))
        {
            var task = await tasks.GetAsync(project.Id, c.TaskId, cancellationToken);
            if (task is null || task.Status == LabelingTaskStatus.Canceled)
            {
                continue;
            }

            var effective = task.Overlap ?? project.Overlap;
            var needsMore = policy.NeedsMore(c.Confidence, task.AnnotationCount);
            int? wanted = needsMore && effective <= task.AnnotationCount ? task.AnnotationCount + 1
                : !needsMore && effective > task.AnnotationCount ? Math.Max(task.AnnotationCount, project.Overlap)
                : null;
            if (wanted is { } overlap && overlap != effective)
            {
                await tasks.UpdateAsync(project.Id, task.Id, new TaskSettings(null, overlap), cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Consensus of project {ProjectId}: {Tasks} task(s) by {Method}")]
    private static partial void LogComputed(ILogger logger, long projectId, int tasks, string method);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Computing consensus failed (project {ProjectId}); retrying at the next pass")]
    private static partial void LogFailed(ILogger logger, long projectId, Exception exception);
}
