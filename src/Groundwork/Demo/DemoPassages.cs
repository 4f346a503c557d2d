using System.Text;
using System.Text.RegularExpressions;

namespace Groundwork.Demo;

/// <summary>
/// Cuts a speech into passages for the demo's text project: whole sentences, a few hundred characters each, that name
/// at least two things (capitalised words inside a sentence), so there is something to mark. Pure and deterministic:
/// the same speech gives the same passages, which keeps the demo's tasks stable across restarts.
/// </summary>
public static partial class DemoPassages
{
    public const int MinLength = 200;
    public const int MaxLength = 560;

    public static IReadOnlyList<string> Select(string speech, int count)
    {
        ArgumentNullException.ThrowIfNull(speech);
        var passages = new List<string>();
        var current = new StringBuilder();
        var first = true;
        foreach (var sentence in Sentences(speech))
        {
            if (sentence.Length > MaxLength || current.Length + sentence.Length + 1 > MaxLength)
            {
                current.Clear(); // a sentence too long to share a passage starts afresh (or is left out)
                if (sentence.Length > MaxLength)
                {
                    continue;
                }
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(sentence);
            if (current.Length < MinLength)
            {
                continue;
            }

            var passage = current.ToString();
            current.Clear();
            if (first)
            {
                first = false; // the salutation and opening courtesies
                continue;
            }

            if (Names(passage) >= 2)
            {
                passages.Add(passage);
                if (passages.Count == count)
                {
                    break;
                }
            }
        }

        return passages;
    }

    private static IEnumerable<string> Sentences(string speech)
    {
        var text = Whitespace().Replace(speech, " ").Trim();
        foreach (var sentence in SentenceEnd().Split(text))
        {
            if (sentence.Length > 0)
            {
                yield return sentence;
            }
        }
    }

    /// <summary>Capitalised words that do not start a sentence: a rough count of names, places, organisations and months.</summary>
    private static int Names(string passage)
    {
        var count = 0;
        foreach (Match m in InnerCapital().Matches(passage))
        {
            if (m.Value is not ("I" or "I'" or "Mr" or "Mrs"))
            {
                count++;
            }
        }

        return count;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?<=[a-z,;:] )[A-Z][a-z']+")]
    private static partial Regex InnerCapital();
}
