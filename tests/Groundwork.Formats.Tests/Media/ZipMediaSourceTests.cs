using Groundwork.Core.Import;
using Groundwork.Formats.Media;
using Groundwork.Testing;

namespace Groundwork.Formats.Tests.Media;

public sealed class ZipMediaSourceTests
{
    private static readonly MediaImportLimits s_small = new(MaxEntries: 5, MaxTotalBytes: 10_000, MaxFileBytes: 4_000);

    [Theory]
    [InlineData("../escape.png", "'..'")]
    [InlineData("images/../../escape.png", "'..'")]
    [InlineData("/etc/escape.png", "absolute")]
    [InlineData("C:/Windows/escape.png", "drive letter")]
    [InlineData("images\\escape.png", "backslash")]
    [InlineData("..\\..\\escape.png", "backslash")]
    [InlineData("images//escape.png", "empty or '.'")]
    [InlineData("./escape.png", "empty or '.'")]
    [InlineData("images/esc\u0001ape.png", "control character")]
    public void HostileEntryName_RefusesTheWholeArchive_NamingTheEntry(string name, string why)
    {
        using var zip = TestZips.Build(("fine.png", TestZips.Png(1)), (name, TestZips.Png(2)));

        var error = Assert.Throws<MediaImportException>(() => ZipMediaSource.Open(zip, MediaImportLimits.Default));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Equal(name.Replace('\u0001', '?'), error.Entry);
    }

    [Fact]
    public void SymbolicLink_IsRefused()
    {
        using var zip = TestZips.Build([("link.png", "/etc/passwd"u8.ToArray())], entry => entry.ExternalAttributes = unchecked((int)0xA1FF0000));

        var error = Assert.Throws<MediaImportException>(() => ZipMediaSource.Open(zip, MediaImportLimits.Default));

        Assert.Equal("link.png", error.Entry);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyEntries_IsRefused()
    {
        using var zip = TestZips.Build([.. Enumerable.Range(0, 6).Select(i => ($"{i}.png", TestZips.Png(i)))]);

        var error = Assert.Throws<MediaImportException>(() => ZipMediaSource.Open(zip, s_small));

        Assert.Contains("6 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndRecordClaimingMillionsOfEntries_IsRefusedBeforeTheDirectoryIsRead()
    {
        using var zip = TestZips.WithDeclaredCount(TestZips.Build(("a.png", TestZips.Png(1))), 60_000);

        var error = Assert.Throws<MediaImportException>(() => ZipMediaSource.Open(zip, s_small));

        Assert.Contains("60000 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipBomb_DeclaringMoreThanTheLimit_IsRefusedNamingTheEntry()
    {
        // 9 MB of zeros compress to a few kB.
        using var zip = TestZips.Build(("small.png", TestZips.Png(1)), ("bomb.png", new byte[9_000_000]));

        var error = Assert.Throws<MediaImportException>(() => ZipMediaSource.Open(zip, s_small));

        Assert.Equal("bomb.png", error.Entry);
    }

    [Fact]
    public void EntriesTogetherOverTheTotal_AreRefusedAtTheEntryThatCrossesIt()
    {
        using var zip = TestZips.Build(("a.bin", new byte[3_500]), ("b.bin", new byte[3_500]), ("c.bin", new byte[3_500]));

        var error = Assert.Throws<MediaImportException>(() => ZipMediaSource.Open(zip, s_small));

        Assert.Equal("c.bin", error.Entry);
    }

    [Fact]
    public void NotAZip_IsRefused()
    {
        using var stream = new MemoryStream("this is not a zip archive, just text"u8.ToArray());

        var error = Assert.Throws<MediaImportException>(() => ZipMediaSource.Open(stream, MediaImportLimits.Default));

        Assert.Null(error.Entry);
        Assert.Contains("not a zip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FoldersHiddenAndSystemFiles_AreLeftOut()
    {
        using var zip = TestZips.Build(
            ("images/", []), ("images/a.png", TestZips.Png(1)), ("__MACOSX/images/._a.png", [1]), ("images/.DS_Store", [2]), ("Thumbs.db", [3]));

        using var source = ZipMediaSource.Open(zip, MediaImportLimits.Default);

        Assert.Equal(["images/a.png"], source.Entries.Select(e => e.Path));
        Assert.Equal(3, source.Passed.Count);
    }
}
