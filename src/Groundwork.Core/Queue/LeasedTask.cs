using Groundwork.Core.Export;
using Groundwork.Core.Tasks;

namespace Groundwork.Core.Queue;

/// <summary>What <c>next</c> hands an annotator: the lease, the task and its predictions (pre-labels).</summary>
public sealed record LeasedTask(TaskLease Lease, LabelingTask Task, IReadOnlyList<ExportPrediction> Predictions);
