using System.Text;

namespace Groundwork.Core;

/// <summary>
/// What text the store keeps: any Unicode text except the NUL character (U+0000), which PostgreSQL
/// cannot hold in <c>text</c> or <c>jsonb</c>, and unpaired surrogates, which are not text at all.
/// Both stores refuse the same input, so a request behaves alike on SQLite and PostgreSQL: such text
/// is answered with 400 naming the field, never stored on one provider and a 500 on the other.
/// </summary>
public static class StoredText
{
    /// <summary>The reason given when a value is refused.</summary>
    public const string Rule = "must not contain NUL characters (U+0000) or unpaired surrogates";

    /// <summary>Whether <paramref name="text"/> (null counts as valid) can be stored.</summary>
    public static bool IsValid(string? text) => text is null || IndexOfInvalid(text) < 0;

    /// <summary>The index of the first NUL or unpaired surrogate in <paramref name="text"/>, or -1.</summary>
    public static int IndexOfInvalid(ReadOnlySpan<char> text)
    {
        var nul = text.IndexOf('\0');
        var limit = nul < 0 ? text.Length : nul;
        var i = text[..limit].IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0)
        {
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return i;
            }

            i += 2;
            var next = i >= limit ? -1 : text[i..limit].IndexOfAnyInRange('\uD800', '\uDFFF');
            i = next < 0 ? -1 : i + next;
        }

        return nul;
    }

    /// <summary>
    /// Whether well-formed JSON text (UTF-8) has a string escape that decodes to what the store refuses:
    /// <c>\u0000</c>, or a <c>\uD800</c>-<c>\uDFFF</c> escape that is not half of a pair. Raw NUL bytes and
    /// invalid UTF-8 are not looked for: a JSON parser refuses those already.
    /// </summary>
    public static bool JsonHasInvalidEscape(ReadOnlySpan<byte> json)
    {
        var i = json.IndexOf((byte)'\\');
        while (i >= 0 && i + 1 < json.Length)
        {
            if (json[i + 1] != (byte)'u')
            {
                i += 2;
            }
            else
            {
                var unit = Hex(json, i + 2);
                if (unit == 0 || unit is >= 0xDC00 and <= 0xDFFF)
                {
                    return true;
                }

                if (unit is >= 0xD800 and <= 0xDBFF)
                {
                    if (i + 7 >= json.Length || json[i + 6] != (byte)'\\' || json[i + 7] != (byte)'u' || Hex(json, i + 8) is < 0xDC00 or > 0xDFFF)
                    {
                        return true;
                    }

                    i += 12;
                }
                else
                {
                    i += 6;
                }
            }

            if (i >= json.Length)
            {
                break;
            }

            var next = json[i..].IndexOf((byte)'\\');
            i = next < 0 ? -1 : i + next;
        }

        return false;
    }

    /// <summary>The same check on JSON held as a string (which may also hold a raw unpaired surrogate).</summary>
    public static bool JsonHasInvalidEscape(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return IndexOfInvalid(json) >= 0 || (json.Contains('\\', StringComparison.Ordinal) && JsonHasInvalidEscape(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Four hex digits at <paramref name="at"/> as a number, or -1 when they are not there.</summary>
    private static int Hex(ReadOnlySpan<byte> json, int at)
    {
        if (at + 4 > json.Length)
        {
            return -1;
        }

        var value = 0;
        for (var k = at; k < at + 4; k++)
        {
            var digit = json[k] switch
            {
                >= (byte)'0' and <= (byte)'9' => json[k] - '0',
                >= (byte)'a' and <= (byte)'f' => json[k] - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => json[k] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 16) + digit;
        }

        return value;
    }
}
