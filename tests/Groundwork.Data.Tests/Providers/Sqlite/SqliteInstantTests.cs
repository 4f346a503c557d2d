using System.Globalization;
using Groundwork.Data.Providers.Sqlite;

namespace Groundwork.Data.Tests.Providers.Sqlite;

public sealed class SqliteInstantTests
{
    // How Microsoft.Data.Sqlite writes a DateTimeOffset parameter.
    private const string StoredFormat = "yyyy\\-MM\\-dd HH\\:mm\\:ss.FFFFFFFzzz";

    [Fact]
    public void Parse_ReadsWhatTheDriverWrites_ExactlyAsTheGeneralParserDoes()
    {
        var random = new Random(20261203);
        var min = new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var max = new DateTimeOffset(9999, 12, 30, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var i = 0; i < 20_000; i++)
        {
            var ticks = random.Next(4) switch
            {
                0 => random.NextInt64(min, max) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, // whole seconds: no fraction written
                1 => random.NextInt64(min, max) / 10_000 * 10_000, // milliseconds: trailing zeros trimmed
                _ => random.NextInt64(min, max),
            };
            var offset = TimeSpan.FromMinutes(random.Next(3) == 0 ? 0 : random.Next(-14 * 60, (14 * 60) + 1));
            var instant = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
            var text = instant.ToString(StoredFormat, CultureInfo.InvariantCulture);

            Assert.True(SqliteInstant.TryParseCanonical(text, out var fast), text);
            var general = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
            Assert.Equal(general, fast);
            Assert.Equal(general.Offset, fast.Offset);
            Assert.Equal(instant.UtcTicks, fast.UtcTicks);
        }
    }

    [Theory]
    [InlineData("2026-12-03T15:10:55Z")]
    [InlineData("2026-12-03 15:10:55")]
    [InlineData("2026-12-03")]
    [InlineData("2026-12-03 15:10:55.+00:00")]
    [InlineData("2026-12-03 15:10:55.12345678+00:00")]
    [InlineData("2026-12-03 15:10:55+0000")]
    public void Parse_LeavesOtherShapesToTheGeneralParser(string text)
    {
        Assert.False(SqliteInstant.TryParseCanonical(text, out _));
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var general))
        {
            Assert.Equal(general, SqliteInstant.Parse(text));
        }
        else
        {
            Assert.Throws<FormatException>(() => SqliteInstant.Parse(text));
        }
    }

    [Theory]
    [InlineData("2026-02-30 10:00:00+00:00")]
    [InlineData("2026-13-01 10:00:00+00:00")]
    [InlineData("2026-12-03 24:00:00+00:00")]
    [InlineData("2026-12-03 10:00:00+15:00")]
    public void Parse_AnImpossibleInstant_IsRefusedAsBefore(string text)
    {
        Assert.False(SqliteInstant.TryParseCanonical(text, out _));
        Assert.ThrowsAny<FormatException>(() => SqliteInstant.Parse(text));
    }
}
