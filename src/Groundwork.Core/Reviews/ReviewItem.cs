using Groundwork.Core.Annotations;
using Groundwork.Core.Tasks;

namespace Groundwork.Core.Reviews;

/// <summary>
/// What the review queue hands a reviewer: the annotation to review, its task, and until when the reviewer's
/// review lease keeps it from other reviewers; <see cref="Confidence"/> is the task's consensus confidence when known.
/// </summary>
public sealed record ReviewItem(Annotation Annotation, LabelingTask Task, DateTimeOffset ExpiresAt, double? Confidence);
