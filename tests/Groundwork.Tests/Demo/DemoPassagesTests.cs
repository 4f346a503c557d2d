using Groundwork.Cli;
using Groundwork.Demo;

namespace Groundwork.Tests.Demo;

public sealed class DemoPassagesTests
{
    private const string Speech = """
         Fellow-Citizens of the Senate and House of Representatives: Since your last annual assembling another year of health and bountiful harvests has passed, and we press on with the work of the nation as well as we can.
        The correspondence touching foreign affairs with Great Britain and France during the last year is herewith submitted, as the House of Representatives asked in December. It is certainly more satisfactory than we might have feared.
        There is nothing to name in this sentence at all, which is long enough to stand as a passage by itself without any help from its neighbours here, and it goes on for a while longer so that it passes the minimum length.
        The Secretary of the Treasury reports that the receipts from customs at New York and Boston were larger than those of any year before, as the tables in the appendix show in some detail. Congress will be asked to act on it.
        """;

    [Fact]
    public void Select_TakesWholeSentencesThatNameThings_SkippingTheSalutation()
    {
        var passages = DemoPassages.Select(Speech, count: 10);

        Assert.Equal(2, passages.Count);
        Assert.StartsWith("The correspondence touching foreign affairs with Great Britain", passages[0], StringComparison.Ordinal);
        Assert.EndsWith("than we might have feared.", passages[0], StringComparison.Ordinal);
        Assert.StartsWith("The Secretary of the Treasury", passages[1], StringComparison.Ordinal);
        Assert.All(passages, p => Assert.InRange(p.Length, DemoPassages.MinLength, DemoPassages.MaxLength));
        Assert.All(passages, p => Assert.DoesNotContain("\n", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Select_IsDeterministicAndStopsAtTheCount()
    {
        Assert.Equal(DemoPassages.Select(Speech, 1), DemoPassages.Select(Speech, 1));
        Assert.Single(DemoPassages.Select(Speech, 1));
        Assert.Empty(DemoPassages.Select("", 3));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:5000;http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://127.0.0.1:8080;http://192.0.2.10:8080", false)]
    [InlineData("http://*:8080", false)]
    public void IsLoopbackOnly_TellsWhetherOthersCouldReachTheDemo(string urls, bool loopback) =>
        Assert.Equal(loopback, ServeCommand.IsLoopbackOnly(urls));
}
