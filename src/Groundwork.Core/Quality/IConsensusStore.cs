namespace Groundwork.Core.Quality;

/// <summary>Where consensus and skills are read from and stored; the quality engine itself has no I/O.</summary>
public interface IConsensusStore
{
    /// <summary>
    /// Projects whose annotations changed since their consensus was computed, with a signature of their
    /// annotations (count and last change) to store with the new consensus.
    /// </summary>
    Task<IReadOnlyList<(long ProjectId, string Signature)>> StaleProjectsAsync(CancellationToken cancellationToken);

    /// <summary>Every annotation of the project's ordinary (not gold, not canceled) tasks, in task order, less those a review rejected (each annotator's own result: a fix does not count as their answer).</summary>
    IAsyncEnumerable<LabeledAnswer> ReadAnswersAsync(long projectId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the project's consensus and skills, and records the signature they were computed for. Only rows whose
    /// outcome changed (label, method, annotation count, or confidence by more than 1e-6) are rewritten, so a row's
    /// <c>computed_at</c> is when its outcome last changed.
    /// </summary>
    Task SaveAsync(long projectId, string signature, IReadOnlyList<TaskConsensus> consensus, IReadOnlyList<AnnotatorSkill> skills, CancellationToken cancellationToken);

    Task<IReadOnlyList<TaskConsensus>> ListAsync(long projectId, long afterTaskId, int limit, CancellationToken cancellationToken);

    Task<TaskConsensus?> GetAsync(long projectId, long taskId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AnnotatorSkill>> SkillsAsync(long projectId, CancellationToken cancellationToken);
}
