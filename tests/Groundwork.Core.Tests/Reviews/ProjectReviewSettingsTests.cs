using Groundwork.Core.Reviews;

namespace Groundwork.Core.Tests.Reviews;

public sealed class ProjectReviewSettingsTests
{
    [Theory]
    [InlineData(1.0, 10_000)]
    [InlineData(0.1, 1_000)]
    [InlineData(0.25, 2_500)]
    [InlineData(0.0001, 1)]
    public void Draws_ExactlyTheRateOfEveryBlockOfConsecutiveIds(double rate, int expected)
    {
        var settings = new ProjectReviewSettings(ReviewPolicy.All, rate, null);
        for (var block = 0L; block < 3; block++)
        {
            var start = 1 + (block * 1_000_003);
            var drawn = 0;
            for (var id = start; id < start + ProjectReviewSettings.SampleBuckets; id++)
            {
                drawn += settings.Draws(id) ? 1 : 0;
            }

            Assert.Equal(expected, drawn);
        }
    }

    [Fact]
    public void Draws_SpreadsOverNeighbours_NotOneRunOfIds()
    {
        var settings = new ProjectReviewSettings(ReviewPolicy.All, 0.1, null);
        var drawn = Enumerable.Range(1, 100).Count(id => settings.Draws(id));
        Assert.InRange(drawn, 5, 15);
    }

    [Fact]
    public void EffectiveThreshold_FallsBackToTheAdaptiveTarget()
    {
        Assert.Equal(0.8, new ProjectReviewSettings(ReviewPolicy.Uncertain, 1, 0.8).EffectiveThreshold(0.95));
        Assert.Equal(0.95, new ProjectReviewSettings(ReviewPolicy.Uncertain, 1, null).EffectiveThreshold(0.95));
        Assert.Null(ProjectReviewSettings.Default.EffectiveThreshold(null));
    }

    [Fact]
    public void Names_RoundTrip()
    {
        foreach (var policy in Enum.GetValues<ReviewPolicy>())
        {
            Assert.Equal(policy, ReviewPolicyNames.Parse(policy.ToName()));
        }

        foreach (var decision in Enum.GetValues<ReviewDecision>())
        {
            Assert.Equal(decision, ReviewDecisionNames.Parse(decision.ToName()));
        }

        Assert.False(ReviewDecisionNames.TryParse("maybe", out _));
        Assert.False(ReviewPolicyNames.TryParse("sometimes", out _));
    }
}
