namespace Groundwork.Quality.Text;

/// <summary>
/// Consensus of several transcriptions of one recording, on normalised words (<see cref="WordErrorRate.Words"/>).
/// <see cref="Medoid"/> picks the transcription with the least total word edit distance to the others (ties:
/// the earlier one). <see cref="Rover"/> is ROVER-style: every transcription is aligned to the medoid by edit
/// distance, and each medoid position takes the word (or deletion) most transcriptions put there; a word
/// inserted between two positions is kept when a strict majority inserted that same word. Vote ties keep the
/// medoid's choice. One transcription is its own consensus.
/// </summary>
public static class TranscriptionConsensus
{
    public static string Medoid(IReadOnlyList<string> transcriptions)
    {
        ArgumentNullException.ThrowIfNull(transcriptions);
        var words = transcriptions.Select(WordErrorRate.Words).ToArray();
        return string.Join(' ', words[MedoidIndex(words)]);
    }

    public static string Rover(IReadOnlyList<string> transcriptions)
    {
        ArgumentNullException.ThrowIfNull(transcriptions);
        var words = transcriptions.Select(WordErrorRate.Words).ToArray();
        if (words.Length == 0)
        {
            return string.Empty;
        }

        var pivot = words[MedoidIndex(words)];

        // slots[i]: votes for pivot position i ("" = deletion); inserts[i]: words inserted before position i (i == Length: at the end).
        var slots = new Dictionary<string, int>[pivot.Length];
        var inserts = new Dictionary<string, int>[pivot.Length + 1];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        for (var i = 0; i < inserts.Length; i++)
        {
            inserts[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        foreach (var hypothesis in words)
        {
            Align(pivot, hypothesis, slots, inserts);
        }

        var result = new List<string>();
        var half = words.Length / 2.0;
        for (var i = 0; i <= pivot.Length; i++)
        {
            var insert = Best(inserts[i], null);
            if (insert.Key is not null && insert.Value > half)
            {
                result.Add(insert.Key);
            }

            if (i < pivot.Length)
            {
                var word = Best(slots[i], pivot[i]).Key;
                if (!string.IsNullOrEmpty(word))
                {
                    result.Add(word);
                }
            }
        }

        return string.Join(' ', result);
    }

    private static KeyValuePair<string?, int> Best(Dictionary<string, int> votes, string? preferred)
    {
        KeyValuePair<string?, int> best = new(null, 0);
        foreach (var (word, count) in votes)
        {
            if (count > best.Value
                || (count == best.Value && (string.Equals(word, preferred, StringComparison.Ordinal)
                    || (!string.Equals(best.Key, preferred, StringComparison.Ordinal) && string.CompareOrdinal(word, best.Key) < 0))))
            {
                best = new(word, count);
            }
        }

        return best;
    }

    private static void Align(string[] pivot, string[] hypothesis, Dictionary<string, int>[] slots, Dictionary<string, int>[] inserts)
    {
        int n = pivot.Length, m = hypothesis.Length;
        var d = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= m; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var sub = d[i - 1, j - 1] + (string.Equals(pivot[i - 1], hypothesis[j - 1], StringComparison.Ordinal) ? 0 : 1);
                d[i, j] = Math.Min(sub, Math.Min(d[i - 1, j], d[i, j - 1]) + 1);
            }
        }

        // Trace back; prefer match/substitution, then deletion, then insertion.
        var inserted = new List<string>[n + 1];
        int a = n, b = m;
        while (a > 0 || b > 0)
        {
            if (a > 0 && b > 0 && d[a, b] == d[a - 1, b - 1] + (string.Equals(pivot[a - 1], hypothesis[b - 1], StringComparison.Ordinal) ? 0 : 1))
            {
                Vote(slots[a - 1], hypothesis[b - 1]);
                a--;
                b--;
            }
            else if (a > 0 && d[a, b] == d[a - 1, b] + 1)
            {
                Vote(slots[a - 1], string.Empty);
                a--;
            }
            else
            {
                (inserted[a] ??= []).Add(hypothesis[b - 1]);
                b--;
            }
        }

        // Several words inserted at one place count as one phrase.
        for (var i = 0; i <= n; i++)
        {
            if (inserted[i] is { } words)
            {
                words.Reverse();
                Vote(inserts[i], string.Join(' ', words));
            }
        }
    }

    private static void Vote(Dictionary<string, int> votes, string word) =>
        votes[word] = votes.TryGetValue(word, out var c) ? c + 1 : 1;

    private static int MedoidIndex(string[][] words)
    {
        var best = 0;
        var bestTotal = long.MaxValue;
        for (var i = 0; i < words.Length; i++)
        {
            long total = 0;
            for (var j = 0; j < words.Length; j++)
            {
                if (i != j)
                {
                    total += WordErrorRate.Distance(words[i], words[j]);
                }
            }

            if (total < bestTotal)
            {
                bestTotal = total;
                best = i;
            }
        }

        return best;
    }
}
