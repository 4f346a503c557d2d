namespace Groundwork.Core.Queue;

/// <summary>Gold and qualification tasks, and how annotators score on them.</summary>
public interface IGoldStore
{
    /// <summary>Marks the task as gold (or qualification) with its known answer, or makes it ordinary again with <see cref="GoldKind.None"/>.</summary>
    Task<StoreOutcome<bool>> SetGoldAsync(long projectId, long taskId, GoldKind kind, string? groundTruthJson, CancellationToken cancellationToken);

    /// <summary>The task's known answer and kind, for managers.</summary>
    Task<(GoldKind Kind, string? GroundTruthJson)?> GetGoldAsync(long projectId, long taskId, CancellationToken cancellationToken);

    /// <summary>Each annotator's gold score on the project, overall and per label class.</summary>
    Task<IReadOnlyList<AnnotatorGoldScore>> ScoresAsync(long projectId, CancellationToken cancellationToken);
}
