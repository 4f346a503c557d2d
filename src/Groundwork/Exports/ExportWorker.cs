using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Groundwork.Core.Export;
using Groundwork.Core.Projects;
using Groundwork.Core.Storage;
using Microsoft.Extensions.Options;

namespace Groundwork.Exports;

/// <summary>
/// Runs export jobs inside the server process. Each loop claims one job in the database (see
/// <see cref="IExportJobStore.ClaimAsync"/>: several processes on one PostgreSQL share the jobs, each claimed by
/// one), streams the export through a bounded pipe straight into the blob store, writes progress to the job row
/// every <see cref="ExportJobOptions.ProgressInterval"/> (which renews the claim's lease), and completes the job
/// under its claim. A worker that dies leaves a lease that expires, and the job is claimed again and written
/// anew; a worker that finds its claim gone (taken over, or the job deleted) stops and removes its own file.
/// Files are keyed per claim, so two workers never write the same blob.
/// </summary>
public sealed partial class ExportWorker(
    IExportJobStore jobs,
    IProjectStore projects,
    IExportSource source,
    IBlobStore blobs,
    IOptions<ExportJobOptions> options,
    TimeProvider clock,
    ILogger<ExportWorker> logger) : BackgroundService
{
    private const int PipeHighWater = 1 << 20;
    private readonly ExportJobOptions _options = options.Value;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    /// <summary>This process's name on the claims it takes.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Tells an idle loop to look for a job now (called when this process queues one).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount < _options.Concurrency)
        {
            _wake.Release();
        }
    }

    /// <summary>Claims one job and runs it to its end; false when there was nothing to claim.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = await jobs.ClaimAsync(InstanceId, clock.GetUtcNow() + _options.LeaseDuration, _options.MaxAttempts, cancellationToken);
        if (claim is null)
        {
            return false;
        }

        await RunAsync(claim, cancellationToken);
        return true;
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        await Task.Yield();
        LogStarted(logger, InstanceId, _options.Concurrency);
        await Task.WhenAll(Enumerable.Range(0, _options.Concurrency).Select(_ => LoopAsync(stoppingToken)));
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = false;
            try
            {
                ran = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive a failed look (database restarting, etc.) and try again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogLookFailed(logger, ex);
            }

            if (!ran)
            {
                try
                {
                    // Pacing is wall-clock I/O; lease times come from the TimeProvider.
                    await _wake.WaitAsync(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task RunAsync(ExportJobClaim claim, CancellationToken stoppingToken)
    {
        var job = claim.Job;
        LogClaimed(logger, job.Id, job.ProjectId, job.Format, job.Attempts);
        var progress = new ExportProgress();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = Task.FromResult(true);
        ExportPlan? plan = null;
        string? refusal = null;
        string? key = null;
        BlobInfo? stored = null;
        long tasks = 0;
        Exception? failure = null;
        try
        {
            var project = await projects.GetAsync(job.ProjectId, work.Token);
            if (project is null)
            {
                refusal = $"project {job.ProjectId} no longer exists";
            }
            else
            {
                // The configuration may have changed since the job was queued.
                plan = ExportPlan.Create(job.Format, job.Annotations, project.LabelConfig, out var error);
                refusal = error?.Detail;
            }

            if (plan is not null)
            {
                var total = await jobs.CountTasksAsync(job.ProjectId, plan.Annotations == ExportPlan.ConsensusOnly, work.Token);
                if (!await jobs.HeartbeatAsync(claim, 0, total, 0, clock.GetUtcNow() + _options.LeaseDuration, work.Token))
                {
                    LogLost(logger, job.Id);
                    return;
                }

                heartbeat = KeepAliveAsync(claim, progress, total, work, stopHeartbeat.Token);
                key = string.Create(CultureInfo.InvariantCulture, $"exports/{job.ProjectId}/{job.Id}-{job.Attempts}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}{plan.FileExtension}");
                (tasks, stored) = await WriteToBlobAsync(plan, job.ProjectId, key, progress, work.Token);
            }
        }
#pragma warning disable CA1031 // Whatever went wrong is the job's outcome (or, on shutdown, a reason to give it back).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
        }

        var alive = await heartbeat;
        if (!alive)
        {
            // Another worker holds the job now (or it was deleted): this attempt's file is nobody's.
            await DeleteQuietlyAsync(stored?.Key);
            LogLost(logger, job.Id);
            return;
        }

        if (stored is null && stoppingToken.IsCancellationRequested)
        {
            await jobs.ReleaseAsync(claim, CancellationToken.None);
            LogReleased(logger, job.Id);
            return;
        }

        var outcome = stored is not null
            ? ExportJobOutcome.Success(stored.Key, string.Create(CultureInfo.InvariantCulture, $"project-{job.ProjectId}-export-{job.Id}{plan!.FileExtension}"), plan.ContentType, stored.Length, tasks)
            : ExportJobOutcome.Failure(refusal ?? Describe(failure), progress.Tasks, progress.Bytes);
        var finished = await jobs.CompleteAsync(claim, outcome, CancellationToken.None);
        if (finished is null)
        {
            await DeleteQuietlyAsync(stored?.Key);
            LogLost(logger, job.Id);
        }
        else if (finished.State == ExportJobStates.Succeeded)
        {
            LogSucceeded(logger, job.Id, finished.TasksWritten, finished.Bytes);
        }
        else
        {
            LogFailed(logger, job.Id, finished.Error, failure);
        }
    }

    /// <summary>Streams the export into the blob store through a pipe that holds at most about a megabyte.</summary>
    private async Task<(long Tasks, BlobInfo Stored)> WriteToBlobAsync(ExportPlan plan, long projectId, string key, ExportProgress progress, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PipeHighWater, resumeWriterThreshold: PipeHighWater / 2, useSynchronizationContext: false));
        using var putFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var put = PutAsync();
        long tasks;
        try
        {
            await using var output = new CountingWriteStream(pipe.Writer.AsStream(leaveOpen: true), progress);
            tasks = await plan.WriteAsync(source, projectId, output, progress, putFailed.Token);
            await output.FlushAsync(putFailed.Token);
            await pipe.Writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            await pipe.Writer.CompleteAsync(ex);
            Exception? putError = null;
            try
            {
                await put;
            }
#pragma warning disable CA1031 // Kept only to report the store's own failure instead of the cancellation it caused.
            catch (Exception e)
#pragma warning restore CA1031
            {
                putError = e;
            }

            if (ex is OperationCanceledException && putError is not null and not OperationCanceledException)
            {
                ExceptionDispatchInfo.Throw(putError);
            }

            throw;
        }

        return (tasks, await put);

        async Task<BlobInfo> PutAsync()
        {
            await Task.Yield();
            try
            {
                await using var input = pipe.Reader.AsStream(leaveOpen: true);
                return await blobs.PutAsync(key, input, plan.ContentType, cancellationToken);
            }
            catch
            {
                // Stop the writer instead of letting it fill a pipe nobody reads.
                await putFailed.CancelAsync();
                throw;
            }
            finally
            {
                await pipe.Reader.CompleteAsync();
            }
        }
    }

    /// <summary>Writes progress and renews the lease every interval; false (and the work cancelled) once the claim is lost.</summary>
    private async Task<bool> KeepAliveAsync(ExportJobClaim claim, ExportProgress progress, long total, CancellationTokenSource work, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_options.ProgressInterval, stop);
                if (!await jobs.HeartbeatAsync(claim, progress.Tasks, total, progress.Bytes, clock.GetUtcNow() + _options.LeaseDuration, stop))
                {
                    await work.CancelAsync();
                    return false;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return true;
            }
#pragma warning disable CA1031 // A failed progress write is retried at the next interval; the lease has room for several.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogHeartbeatFailed(logger, claim.Job.Id, ex);
            }
        }
    }

    private async Task DeleteQuietlyAsync(string? key)
    {
        if (key is null)
        {
            return;
        }

        try
        {
            await blobs.DeleteAsync(key, CancellationToken.None);
        }
#pragma warning disable CA1031 // A stray file is logged, not fatal.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogDeleteFailed(logger, key, ex);
        }
    }

    private static string Describe(Exception? failure) => failure switch
    {
        null => "the export stopped without a result",
        OperationCanceledException => "the export was cancelled",
        _ => failure.Message,
    };

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Export worker {Instance} started ({Concurrency} at once)")]
    private static partial void LogStarted(ILogger logger, string instance, int concurrency);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Export job {JobId} (project {ProjectId}, {Format}) claimed, attempt {Attempt}")]
    private static partial void LogClaimed(ILogger logger, long jobId, long projectId, string format, int attempt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Export job {JobId} succeeded: {Tasks} task(s), {Bytes} bytes")]
    private static partial void LogSucceeded(ILogger logger, long jobId, long tasks, long bytes);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Export job {JobId} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, long jobId, string? error, Exception? exception);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Export job {JobId} is no longer held by this worker (taken over or deleted); its work here was dropped")]
    private static partial void LogLost(ILogger logger, long jobId);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Export job {JobId} given back to the queue at shutdown")]
    private static partial void LogReleased(ILogger logger, long jobId);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "Writing the progress of export job {JobId} failed; trying again at the next interval")]
    private static partial void LogHeartbeatFailed(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Error, Message = "Looking for export jobs failed; trying again")]
    private static partial void LogLookFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Warning, Message = "Removing the abandoned export file {Key} failed")]
    private static partial void LogDeleteFailed(ILogger logger, string key, Exception exception);
}
