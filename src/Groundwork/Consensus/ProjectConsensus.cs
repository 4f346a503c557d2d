using Groundwork.Core.Quality;

namespace Groundwork.Consensus;

/// <summary>A project's consensus per task and skill per annotator, as computed.</summary>
public sealed record ProjectConsensus(IReadOnlyList<TaskConsensus> Tasks, IReadOnlyList<AnnotatorSkill> Skills);
