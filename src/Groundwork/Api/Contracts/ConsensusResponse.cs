using Groundwork.Core.Quality;

namespace Groundwork.Api.Contracts;

/// <summary>A task's consensus: label, confidence, method, the result it stands for, and how many annotations it used.</summary>
public sealed record ConsensusResponse(long Task, string Label, double Confidence, string Method, int Annotations, RawJson Result, DateTimeOffset ComputedAt)
{
    public static ConsensusResponse From(TaskConsensus consensus)
    {
        ArgumentNullException.ThrowIfNull(consensus);
        return new(consensus.TaskId, consensus.Label, consensus.Confidence, consensus.Method, consensus.Annotations, new RawJson(consensus.ResultJson), consensus.ComputedAt);
    }
}
