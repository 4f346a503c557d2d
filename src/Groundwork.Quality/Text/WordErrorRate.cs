using System.Text;

namespace Groundwork.Quality.Text;

/// <summary>Word-level normalisation and edit distance.</summary>
public static class WordErrorRate
{
    /// <summary>Lower case (invariant), punctuation other than in-word apostrophes and hyphens turned into spaces, split on whitespace.</summary>
    public static string[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if ((c == '\'' || c == '’') && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]))
            {
                sb.Append('\'');
            }
            else
            {
                sb.Append(' ');
            }
        }

        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Levenshtein distance between two word sequences.</summary>
    public static int Distance(ReadOnlySpan<string> a, ReadOnlySpan<string> b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>Word error rate of <paramref name="hypothesis"/> against <paramref name="reference"/> (edits / reference words).</summary>
    public static double Compute(string reference, string hypothesis)
    {
        var r = Words(reference);
        return (double)Distance(r, Words(hypothesis)) / Math.Max(1, r.Length);
    }
}
