using Groundwork.Quality.Categorical;

namespace Groundwork.Quality.Tests.Categorical;

public sealed class MethodTests
{
    private static LabelTable Table(params (string Task, string Worker, string Label)[] rows)
    {
        var b = new LabelTableBuilder();
        foreach (var (t, w, l) in rows)
        {
            b.Add(t, w, l);
        }

        return b.Build();
    }

    [Fact]
    public void MajorityVote_Tie_GoesToTheFirstClassInNameOrder()
    {
        var table = Table(("t", "w1", "b"), ("t", "w2", "a"));
        var r = MajorityVote.Run(table);
        Assert.Equal("a", table.ClassName(r.Label(0)));
        Assert.Equal(0.5, r.Confidence[0]);
    }

    [Fact]
    public void MajorityVote_PosteriorIsVoteShare_AndSkillIsAgreement()
    {
        var table = Table(("t", "w1", "x"), ("t", "w2", "x"), ("t", "w3", "y"), ("u", "w3", "y"));
        var r = MajorityVote.Run(table);
        Assert.Equal(2.0 / 3, r.Posterior(0)[0], 12);
        Assert.Equal(1.0, r.WorkerSkills[0]);
        Assert.Equal(0.5, r.WorkerSkills[2]);
    }

    [Fact]
    public void EveryMethod_TaskWithOneLabel_GetsThatLabel()
    {
        var table = Table(("t", "w1", "b"), ("u", "w1", "a"), ("u", "w2", "a"), ("v", "w2", "b"));
        foreach (var m in AggregationCatalogue.All)
        {
            var r = m.Run(table);
            Assert.Equal("b", table.ClassName(r.Label(0)));
        }
    }

    [Fact]
    public void WeightedMajorityVote_GivenSkills_LetsTheExpertOutvoteTwoNovices()
    {
        var table = Table(("t", "expert", "a"), ("t", "n1", "b"), ("t", "n2", "b"));
        var r = WeightedMajorityVote.Run(table, [0.99, 0.55, 0.55]);
        Assert.Equal("a", table.ClassName(r.Label(0)));
    }

    [Fact]
    public void DawidSkene_SeesThroughASystematicallyConfusedWorker()
    {
        // w3 always swaps a and b; with enough overlap DS learns the swap and still agrees with w1, w2.
        var b = new LabelTableBuilder();
        for (var i = 0; i < 40; i++)
        {
            var truth = i % 2 == 0 ? "a" : "b";
            var swapped = truth == "a" ? "b" : "a";
            b.Add($"t{i}", "w1", truth);
            b.Add($"t{i}", "w2", i % 10 == 0 ? swapped : truth);
            b.Add($"t{i}", "w3", swapped);
        }

        var table = b.Build();
        var r = DawidSkene.Run(table);
        for (var t = 0; t < table.TaskCount; t++)
        {
            Assert.Equal(t % 2 == 0 ? "a" : "b", table.ClassName(r.Label(t)));
        }

        Assert.True(r.WorkerSkills[2] < 0.2, $"the swapping worker's accuracy is {r.WorkerSkills[2]}");
    }

    [Theory]
    [InlineData("ds", 0.94)]
    [InlineData("onecoin", 0.94)]
    [InlineData("glad", 0.94)]
    [InlineData("mace", 0.93)]
    [InlineData("wmv", 0.93)]
    [InlineData("mv", 0.88)]
    public void Method_OnSyntheticCrowd_RecoversMostOfTheTruth(string method, double minimum)
    {
        var crowd = SyntheticCrowd.Generate(tasks: 2000, labelsPerTask: 5, workers: 50, classes: 3, seed: 7, minAccuracy: 0.55, maxAccuracy: 0.95);
        Assert.True(AggregationCatalogue.TryGet(method, out var m));
        var r = m.Run(crowd.Table);
        var correct = 0;
        for (var t = 0; t < crowd.Truth.Length; t++)
        {
            correct += r.Label(t) == crowd.Truth[t] ? 1 : 0;
        }

        Assert.True(correct >= minimum * crowd.Truth.Length, $"{method}: {correct} of {crowd.Truth.Length}");
    }

    [Fact]
    public void DawidSkene_SkillsTrackTrueAccuracy()
    {
        // Skills are posterior means under the pooled prior, so the best and worst workers are pulled a little
        // towards the population (here by up to 0.08 with 500 labels each); the ranking and the typical error are tight.
        var crowd = SyntheticCrowd.Generate(tasks: 3000, labelsPerTask: 5, workers: 30, classes: 4, seed: 3);
        var r = DawidSkene.Run(crowd.Table);
        var error = 0.0;
        for (var w = 0; w < crowd.Table.WorkerCount; w++)
        {
            Assert.InRange(r.WorkerSkills[w], crowd.WorkerAccuracy[w] - 0.1, crowd.WorkerAccuracy[w] + 0.1);
            error += Math.Abs(r.WorkerSkills[w] - crowd.WorkerAccuracy[w]);
        }

        Assert.True(error / crowd.Table.WorkerCount < 0.04, $"mean skill error {error / crowd.Table.WorkerCount:0.000}");
        Assert.True(Groundwork.Quality.Pairwise.RankCorrelation.Spearman(r.WorkerSkills, crowd.WorkerAccuracy) > 0.95, "skills rank the workers");
    }

    [Fact]
    public void Catalogue_HasTheEightShortNames()
    {
        Assert.Equal(["mv", "wmv", "ds", "onecoin", "glad", "mace", "wawa", "zbs"], AggregationCatalogue.All.Select(m => m.Name));
        Assert.True(AggregationCatalogue.TryGet("DS", out var ds));
        Assert.Equal("ds", ds.Name);
        Assert.False(AggregationCatalogue.TryGet("kos", out _));
        Assert.All(AggregationCatalogue.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
    }

    [Fact]
    public void Digamma_MatchesKnownValues()
    {
        Assert.Equal(-0.5772156649015329, SpecialFunctions.Digamma(1), 10);
        Assert.Equal(0.03648997397857652, SpecialFunctions.Digamma(1.5), 10);
        Assert.Equal(2.251752589066721, SpecialFunctions.Digamma(10), 10);
    }
}
