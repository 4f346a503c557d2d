namespace Groundwork.Quality.Spans;

/// <summary>
/// Span-level consensus for one item: the workers' spans vote as whole spans.
/// Exact matching: a span is kept when more than <paramref name="Quorum"/> of the item's workers marked exactly it.
/// Overlap matching: a candidate's support is the number of workers with any span overlapping it; candidates with
/// support above the quorum are taken greedily (most exact votes, then most support, then earliest, then shortest),
/// skipping any that overlaps a span already taken, so the result never overlaps itself.
/// </summary>
/// <param name="Quorum">Share of the item's workers needed (strictly more than; default one half).</param>
public sealed record SpanVote(double Quorum = 0.5)
{
    /// <param name="spansPerWorker">One list per worker who annotated the item (an empty list is a vote for "no span").</param>
    /// <param name="exact">Exact or overlap matching.</param>
    public List<TextSpan> Aggregate(IReadOnlyList<IReadOnlyList<TextSpan>> spansPerWorker, bool exact)
    {
        ArgumentNullException.ThrowIfNull(spansPerWorker);
        var workers = spansPerWorker.Count;
        var exactVotes = new Dictionary<TextSpan, int>();
        foreach (var spans in spansPerWorker)
        {
            foreach (var s in spans.Distinct())
            {
                exactVotes[s] = exactVotes.TryGetValue(s, out var c) ? c + 1 : 1;
            }
        }

        var needed = Quorum * workers;
        if (exact)
        {
            return exactVotes.Where(kv => kv.Value > needed).Select(kv => kv.Key).OrderBy(s => s.Start).ThenBy(s => s.End).ToList();
        }

        var candidates = new List<(TextSpan Span, int Exact, int Support)>();
        foreach (var (span, votes) in exactVotes)
        {
            var support = 0;
            foreach (var spans in spansPerWorker)
            {
                foreach (var s in spans)
                {
                    if (s.Overlaps(span))
                    {
                        support++;
                        break;
                    }
                }
            }

            if (support > needed)
            {
                candidates.Add((span, votes, support));
            }
        }

        var chosen = new List<TextSpan>();
        foreach (var c in candidates
            .OrderByDescending(c => c.Exact)
            .ThenByDescending(c => c.Support)
            .ThenBy(c => c.Span.Start)
            .ThenBy(c => c.Span.End))
        {
            if (!chosen.Any(s => s.Overlaps(c.Span)))
            {
                chosen.Add(c.Span);
            }
        }

        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        return chosen;
    }
}
