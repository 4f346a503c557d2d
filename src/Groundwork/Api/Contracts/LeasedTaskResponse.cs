using Groundwork.Core.Queue;

namespace Groundwork.Api.Contracts;

/// <summary>
/// The task handed to an annotator with its lease. Gold tasks look exactly like other tasks here:
/// nothing in this response says whether the task is gold.
/// </summary>
public sealed record LeasedTaskResponse(long LeaseId, DateTimeOffset ExpiresAt, QueueTaskResponse Task, IReadOnlyList<PredictionResponse> Predictions)
{
    public static LeasedTaskResponse From(LeasedTask leased)
    {
        ArgumentNullException.ThrowIfNull(leased);
        return new(
            leased.Lease.Id,
            leased.Lease.ExpiresAt,
            QueueTaskResponse.From(leased.Task),
            leased.Predictions.Select(p => new PredictionResponse(p.Id, new RawJson(p.ResultJson), p.ModelVersion, p.Score)).ToList());
    }
}
