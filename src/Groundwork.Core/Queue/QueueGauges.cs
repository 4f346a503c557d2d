namespace Groundwork.Core.Queue;

/// <summary>The queue across all projects: ordinary tasks still waiting for annotations, and live leases.</summary>
public sealed record QueueGauges(long QueueDepth, long LiveLeases);
