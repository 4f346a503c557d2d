using Groundwork.Core.Tasks;

namespace Groundwork.Core.Reviews;

/// <summary>A stored decision and where it left the annotation's task.</summary>
public sealed record DecidedReview(Review Review, LabelingTaskStatus TaskStatus, int AcceptedAnnotations);
