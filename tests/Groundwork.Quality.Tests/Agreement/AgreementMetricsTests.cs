using Groundwork.Quality.Agreement;
using Groundwork.Quality.Categorical;

namespace Groundwork.Quality.Tests.Agreement;

public sealed class AgreementMetricsTests
{
    /// <summary>Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 observers x 12 units example with missing values.</summary>
    private static LabelTable KrippendorffExample()
    {
        string?[][] observers =
        [
            ["1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null],
            ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"],
            [null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null],
            ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null],
        ];
        var b = new LabelTableBuilder();
        for (var unit = 0; unit < 12; unit++)
        {
            for (var o = 0; o < observers.Length; o++)
            {
                if (observers[o][unit] is { } value)
                {
                    b.Add($"u{unit}", $"o{o}", value);
                }
            }
        }

        return b.Build();
    }

    [Theory]
    [InlineData(KrippendorffLevel.Nominal, 0.743)]
    [InlineData(KrippendorffLevel.Ordinal, 0.815)]
    [InlineData(KrippendorffLevel.Interval, 0.849)]
    public void KrippendorffAlpha_MatchesThePublishedWorkedExample(KrippendorffLevel level, double expected)
    {
        Assert.Equal(expected, AgreementMetrics.KrippendorffAlpha(KrippendorffExample(), level), 3);
    }

    [Fact]
    public void FleissKappa_MatchesTheWikipediaExample()
    {
        // 10 subjects, 14 raters, 5 categories (Fleiss 1971 style example): kappa = 0.210.
        int[][] counts =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];
        var b = new LabelTableBuilder(["1", "2", "3", "4", "5"]);
        for (var s = 0; s < counts.Length; s++)
        {
            var rater = 0;
            for (var c = 0; c < 5; c++)
            {
                for (var i = 0; i < counts[s][c]; i++)
                {
                    b.Add($"s{s}", $"r{rater++}", (c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        var table = b.Build();
        Assert.Equal(0.210, AgreementMetrics.FleissKappa(table), 3);
        Assert.Equal(0.378, AgreementMetrics.PercentAgreement(table), 3);
    }

    [Fact]
    public void CohensKappa_MatchesTheWikipediaExample()
    {
        // 50 items: both yes 20, A yes / B no 5, A no / B yes 10, both no 15 -> kappa 0.4.
        var a = new List<int>();
        var bList = new List<int>();
        void Add(int n, int x, int y)
        {
            for (var i = 0; i < n; i++)
            {
                a.Add(x);
                bList.Add(y);
            }
        }

        Add(20, 0, 0);
        Add(5, 0, 1);
        Add(10, 1, 0);
        Add(15, 1, 1);
        Assert.Equal(0.4, AgreementMetrics.CohensKappa(a.ToArray(), bList.ToArray(), 2), 12);
    }

    [Fact]
    public void Metrics_WhenEveryoneAlwaysSaysTheSame_AreUndefined()
    {
        var b = new LabelTableBuilder();
        b.Add("t", "a", "x");
        b.Add("t", "b", "x");
        var table = b.Build();
        Assert.Equal(1.0, AgreementMetrics.PercentAgreement(table));
        Assert.True(double.IsNaN(AgreementMetrics.FleissKappa(table)));
        Assert.True(double.IsNaN(AgreementMetrics.CohensKappa([0, 0], [0, 0], 1)));
    }

    [Fact]
    public void Report_PerAnnotator_ComparesWithTheConsensus()
    {
        var b = new LabelTableBuilder();
        for (var i = 0; i < 10; i++)
        {
            var truth = i % 2 == 0 ? "a" : "b";
            b.Add($"t{i}", "good1", truth);
            b.Add($"t{i}", "good2", truth);
            b.Add($"t{i}", "contrarian", truth == "a" ? "b" : "a");
        }

        var table = b.Build();
        var report = AgreementReport.Compute(table, MajorityVote.Run(table));
        Assert.Equal(1.0, report.PerAnnotator[0].Agreement);
        Assert.Equal(1.0, report.PerAnnotator[0].Kappa, 12);
        Assert.Equal(0.0, report.PerAnnotator[2].Agreement);
        Assert.Equal(-1.0, report.PerAnnotator[2].Kappa, 12);
        Assert.Equal(2, report.PerLabel.Count);
        Assert.Equal(1.0 / 3, report.PercentAgreement, 12);
    }
}
