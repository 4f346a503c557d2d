using System.Globalization;

namespace Groundwork.Data.Providers.Sqlite;

/// <summary>
/// Reads the instants SQLite holds as text in the form Microsoft.Data.Sqlite writes them
/// (<c>yyyy-MM-dd HH:mm:ss[.FFFFFFF]zzz</c>, e.g. <c>2026-12-03 15:10:55.7313876+00:00</c>) without the general
/// parser, which an export of a million tasks calls three million times; anything else goes to
/// <see cref="DateTimeOffset.Parse(string, IFormatProvider)"/>.
/// </summary>
internal static class SqliteInstant
{
    public static DateTimeOffset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseCanonical(text, out var value) ? value : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    public static bool TryParseCanonical(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 25 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            while (i < s.Length && i - start < 7 && char.IsAsciiDigit(s[i]))
            {
                fraction = (fraction * 10) + (s[i] - '0');
                i++;
            }

            if (i == start)
            {
                return false;
            }

            for (var scale = i - start; scale < 7; scale++)
            {
                fraction *= 10;
            }
        }

        if (s.Length - i != 6 || (s[i] != '+' && s[i] != '-') || s[i + 3] != ':'
            || !Digits(s, i + 1, 2, out var offsetHours) || !Digits(s, i + 4, 2, out var offsetMinutes)
            || offsetHours > 14 || offsetMinutes > 59)
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year is < 1 ? 1 : year, month) || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        value = new DateTimeOffset(year, month, day, hour, minute, second, s[i] == '-' ? -offset : offset).AddTicks(fraction);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
