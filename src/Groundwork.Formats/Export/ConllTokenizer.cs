namespace Groundwork.Formats.Export;

/// <summary>
/// A simple tokenizer that keeps character offsets: runs of letters, digits, marks and '_' are words;
/// every other non-space character (a surrogate pair counts as one) is a token of its own.
/// </summary>
internal static class ConllTokenizer
{
    /// <summary>Adds the tokens of <paramref name="text"/> as [start, end) UTF-16 offsets.</summary>
    public static void Tokenize(ReadOnlySpan<char> text, List<(int Start, int End)> tokens)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (IsWordChar(c))
            {
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i += i + 1 < text.Length && char.IsSurrogatePair(c, text[i + 1]) ? 2 : 1;
            }

            tokens.Add((start, i));
        }
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
