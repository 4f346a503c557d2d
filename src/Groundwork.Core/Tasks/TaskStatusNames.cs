namespace Groundwork.Core.Tasks;

/// <summary>The stable wire and storage names of <see cref="LabelingTaskStatus"/> values.</summary>
public static class TaskStatusNames
{
    public const string Queued = "queued";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Canceled = "canceled";

    public static string ToName(this LabelingTaskStatus status) => status switch
    {
        LabelingTaskStatus.Queued => Queued,
        LabelingTaskStatus.InProgress => InProgress,
        LabelingTaskStatus.Completed => Completed,
        LabelingTaskStatus.Canceled => Canceled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? name, out LabelingTaskStatus status)
    {
        switch (name)
        {
            case Queued: status = LabelingTaskStatus.Queued; return true;
            case InProgress: status = LabelingTaskStatus.InProgress; return true;
            case Completed: status = LabelingTaskStatus.Completed; return true;
            case Canceled: status = LabelingTaskStatus.Canceled; return true;
            default: status = default; return false;
        }
    }

    public static LabelingTaskStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"Unknown task status '{name}'.");
}
