using Groundwork.Quality.Categorical;

namespace Groundwork.Quality.Spans;

/// <summary>
/// Span consensus for one span type. Each token of each item becomes a categorical task (inside / outside a
/// span) labelled by every worker who tagged the item, and any categorical method aggregates them over the
/// whole corpus, so Dawid-Skene learns, per worker, how often it marks too much and how often too little.
/// Consensus spans are the maximal runs of inside tokens (a B- tag from a majority of the workers who
/// marked the token splits a run). Span-level quality is measured with <see cref="SpanMatching"/> (exact and overlap).
/// </summary>
public static class SpanConsensus
{
    /// <summary>Whether a BIO tag is inside a span.</summary>
    public static bool IsInside(string tag) => !string.Equals(tag, "O", StringComparison.Ordinal);

    /// <summary>Spans from BIO tags (an I- tag after O starts a span, as most tools read it).</summary>
    public static List<TextSpan> FromBio(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var inside = new bool[tags.Count];
        var begins = new bool[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            inside[i] = IsInside(tags[i]);
            begins[i] = tags[i].StartsWith("B-", StringComparison.Ordinal);
        }

        return FromInside(inside, begins);
    }

    /// <summary>Maximal runs of inside tokens, split where <paramref name="begins"/> marks a new span.</summary>
    public static List<TextSpan> FromInside(ReadOnlySpan<bool> inside, ReadOnlySpan<bool> begins = default)
    {
        var spans = new List<TextSpan>();
        var start = -1;
        for (var i = 0; i <= inside.Length; i++)
        {
            var isIn = i < inside.Length && inside[i];
            var isBegin = isIn && !begins.IsEmpty && begins[i];
            if (start >= 0 && (!isIn || isBegin))
            {
                spans.Add(new TextSpan(start, i));
                start = -1;
            }

            if (isIn && start < 0)
            {
                start = i;
            }
        }

        return spans;
    }

    /// <summary>
    /// Aggregates the annotations with <paramref name="method"/> (for instance <see cref="DawidSkene.Run"/>):
    /// per item, the consensus inside/outside flag of every token and the consensus spans.
    /// </summary>
    public static Dictionary<string, (bool[] Inside, List<TextSpan> Spans)> Aggregate(IReadOnlyList<SpanAnnotation> annotations, Func<LabelTable, CategoricalResult> method)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(method);
        var items = new Dictionary<string, (int FirstTask, int Length)>(StringComparer.Ordinal);
        var workers = new Dictionary<string, int>(StringComparer.Ordinal);
        var taskCount = 0;
        foreach (var a in annotations)
        {
            if (!items.TryGetValue(a.Item, out var item))
            {
                items[a.Item] = (taskCount, a.Tags.Count);
                taskCount += a.Tags.Count;
            }
            else if (item.Length != a.Tags.Count)
            {
                throw new ArgumentException($"item '{a.Item}' has annotations of different lengths", nameof(annotations));
            }

            workers.TryAdd(a.Worker, workers.Count);
        }

        var n = annotations.Sum(a => a.Tags.Count);
        var tasks = new int[n];
        var labelWorkers = new int[n];
        var classes = new int[n];
        var begins = new int[taskCount];
        var p = 0;
        foreach (var a in annotations)
        {
            var first = items[a.Item].FirstTask;
            var w = workers[a.Worker];
            for (var i = 0; i < a.Tags.Count; i++)
            {
                tasks[p] = first + i;
                labelWorkers[p] = w;
                classes[p] = IsInside(a.Tags[i]) ? 1 : 0;
                begins[first + i] += a.Tags[i].StartsWith("B-", StringComparison.Ordinal) ? 1 : 0;
                p++;
            }
        }

        var table = LabelTable.FromIndices(taskCount, workers.Count, 2, tasks, labelWorkers, classes, DuplicateLabelPolicy.KeepLast, classNames: ["out", "in"]);
        var result = method(table);
        var output = new Dictionary<string, (bool[], List<TextSpan>)>(StringComparer.Ordinal);
        var offsets = table.TaskOffsets;
        var labelClasses = table.LabelClasses;
        foreach (var (name, (first, length)) in items)
        {
            var inside = new bool[length];
            var splits = new bool[length];
            for (var i = 0; i < length; i++)
            {
                inside[i] = result.Label(first + i) == 1;
                var marked = 0;
                for (var j = offsets[first + i]; j < offsets[first + i + 1]; j++)
                {
                    marked += labelClasses[j];
                }

                splits[i] = marked > 0 && 2 * begins[first + i] > marked;
            }

            output[name] = (inside, FromInside(inside, splits));
        }

        return output;
    }
}
