using Groundwork.Core.Queue;
using Microsoft.Extensions.Options;

namespace Groundwork.Queue;

/// <summary>
/// Returns the tasks of expired leases to the queue, every <see cref="QueueOptions.SweepInterval"/>, and refreshes the
/// queue gauges every <see cref="QueueOptions.GaugeInterval"/>. Safe with several server processes: each sweep ends
/// only leases still live, under row locks.
/// </summary>
public sealed partial class LeaseSweeper(IWorkQueue queue, QueueMetrics metrics, IOptions<QueueOptions> options, TimeProvider clock, ILogger<LeaseSweeper> logger) : BackgroundService
{
    private DateTimeOffset _gaugesReadAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var expired = await queue.ExpireAsync(stoppingToken);
            if (expired > 0)
            {
                metrics.LeasesExpired(expired);
                LogExpired(logger, expired);
            }

            var now = clock.GetUtcNow();
            if (now - _gaugesReadAt >= options.Value.GaugeInterval)
            {
                _gaugesReadAt = now;
                metrics.Update(await queue.GaugesAsync(stoppingToken));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSweepFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Returned {Count} expired lease(s) to the queue")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Sweeping expired leases failed; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
