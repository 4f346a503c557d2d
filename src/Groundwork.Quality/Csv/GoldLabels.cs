namespace Groundwork.Quality.Csv;

/// <summary>Known true answers: task name to class name (as read from a task,label file).</summary>
public sealed class GoldLabels(IReadOnlyDictionary<string, string> answers)
{
    public IReadOnlyDictionary<string, string> Answers { get; } = answers;

    public int Count => Answers.Count;

    /// <summary>
    /// Per task of <paramref name="table"/>, the gold class index; <see cref="NoGold"/> for a task
    /// without gold, <see cref="UnseenClass"/> when the gold answer is a class no worker ever gave
    /// (such a task can never be answered correctly and counts as wrong).
    /// </summary>
    public int[] ToClassIndices(LabelTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var result = new int[table.TaskCount];
        for (var t = 0; t < result.Length; t++)
        {
            result[t] = Answers.TryGetValue(table.TaskName(t), out var name)
                ? (table.FindClass(name) is var c && c >= 0 ? c : UnseenClass)
                : NoGold;
        }

        return result;
    }

    public const int NoGold = -1;

    public const int UnseenClass = -2;
}
