using Groundwork.Quality.Categorical;

namespace Groundwork.Quality.Tests.Categorical;

/// <summary>
/// CsCheck properties every categorical method must satisfy, on the crowds of <see cref="Crowds"/>: the
/// regression crowds, a fixed seeded list and a few hundred fresh samples per run (bounded: about a second
/// in all). The last tests check that each property does fail for a method that breaks it.
/// </summary>
public sealed class PropertyTests
{
    private static readonly AggregationMethod s_dsFixedPrior = new("ds (fixed prior)", "Dawid-Skene without the pooled prior", t => DawidSkene.Run(t, null, pooledPrior: false));

    private static readonly AggregationMethod s_maceFixedPrior = new("mace (fixed prior)", "MACE without the pooled prior", t => Mace.Run(t, null, pooledPrior: false));

    private static void AssertHolds(string? failure, int tasks, int workers, int classes, int seed) =>
        Assert.True(failure is null, $"crowd ({tasks}, {workers}, {classes}, {seed}): {failure}");

    [Fact]
    public void Relabelling_TasksWorkersAndClasses_PermutesTheOutputAndNothingElse()
    {
        Crowds.ForEach((tasks, workers, classes, seed) =>
        {
            var rows = Crowds.Noisy(tasks, workers, classes, seed);
            foreach (var m in AggregationCatalogue.All)
            {
                AssertHolds(PropertyChecks.RelabellingPermutes(m, rows, seed), tasks, workers, classes, seed);
            }
        });
    }

    [Fact]
    public void Relabelling_TasksWorkersAndClasses_PermutesTheOutputAndNothingElse_OnTheRegressionCrowds()
    {
        foreach (var (tasks, workers, classes, seed) in Crowds.RelabellingRegressions)
        {
            var rows = Crowds.Noisy(tasks, workers, classes, seed);
            foreach (var m in AggregationCatalogue.All)
            {
                AssertHolds(PropertyChecks.RelabellingPermutes(m, rows, seed), tasks, workers, classes, seed);
            }
        }
    }

    [Fact]
    public void SymmetricCrowds_AreRecognised()
    {
        Assert.True(PropertyChecks.HasWorkerOrClassSymmetry(Crowds.Noisy(4, 3, 2, 128382)));
        Assert.False(PropertyChecks.HasWorkerOrClassSymmetry(Crowds.Noisy(9, 7, 4, -45)));
        Assert.False(PropertyChecks.HasWorkerOrClassSymmetry(Crowds.Noisy(10, 2, 2, -538)));

        // Swapping the two classes maps "a says x, b says y" onto itself when the workers swap as well.
        Assert.True(PropertyChecks.HasWorkerOrClassSymmetry([("t", "a", "x"), ("t", "b", "y")]));
        Assert.False(PropertyChecks.HasWorkerOrClassSymmetry([("t", "a", "x"), ("t", "b", "x"), ("u", "a", "y")]));
    }

    [Fact]
    public void PerfectAnnotators_RecoverTheTruth_OnTheRegressionCrowds()
    {
        foreach (var (tasks, workers, classes, seed, skewed, _) in Crowds.PerfectRegressions)
        {
            var (rows, truth) = skewed ? Crowds.PerfectSkewed(tasks, workers, classes, seed) : Crowds.Perfect(tasks, workers, classes, seed);
            foreach (var m in AggregationCatalogue.All)
            {
                AssertHolds(PropertyChecks.PerfectAnnotators(m, rows, truth), tasks, workers, classes, seed);
            }
        }
    }

    [Fact]
    public void PerfectAnnotators_RecoverTheTruth()
    {
        Crowds.ForEach((tasks, workers, classes, seed) =>
        {
            var (rows, truth) = Crowds.Perfect(tasks, workers, classes, seed);
            foreach (var m in AggregationCatalogue.All)
            {
                AssertHolds(PropertyChecks.PerfectAnnotators(m, rows, truth), tasks, workers, classes, seed);
            }
        });
    }

    [Fact]
    public void PerfectAnnotators_RecoverTheTruth_OnSkewedSparseCrowds()
    {
        Crowds.ForEachSkewed((tasks, workers, classes, seed) =>
        {
            var (rows, truth) = Crowds.PerfectSkewed(tasks, workers, classes, seed);
            foreach (var m in AggregationCatalogue.All)
            {
                AssertHolds(PropertyChecks.PerfectAnnotators(m, rows, truth), tasks, workers, classes, seed);
            }
        });
    }

    [Fact]
    public void AddingARandomAnnotator_NeverFlipsATaskWhereFivePerfectAnnotatorsAgree_OnTheRegressionCrowds()
    {
        foreach (var (tasks, workers, classes, seed) in Crowds.FlipRegressions)
        {
            foreach (var m in AggregationCatalogue.All)
            {
                AssertHolds(PropertyChecks.RandomAnnotatorNeverFlipsFivePerfect(m, tasks, workers, classes, seed), tasks, workers, classes, seed);
            }
        }
    }

    [Fact]
    public void AddingARandomAnnotator_NeverFlipsATaskWhereFivePerfectAnnotatorsAgree()
    {
        Crowds.ForEach((tasks, workers, classes, seed) =>
        {
            foreach (var m in AggregationCatalogue.All)
            {
                AssertHolds(PropertyChecks.RandomAnnotatorNeverFlipsFivePerfect(m, tasks, workers, classes, seed), tasks, workers, classes, seed);
            }
        });
    }

    [Fact]
    public void Posteriors_AreDistributions_AndConfidenceIsTheChosenClass()
    {
        Crowds.ForEach((tasks, workers, classes, seed) =>
        {
            var rows = Crowds.Noisy(tasks, workers, classes, seed);
            foreach (var m in AggregationCatalogue.All)
            {
                AssertHolds(PropertyChecks.PosteriorsAreDistributions(m, rows), tasks, workers, classes, seed);
            }
        });
    }

    [Fact]
    public void SameInput_GivesBitIdenticalOutput()
    {
        Crowds.ForEach(
            (tasks, workers, classes, seed) =>
            {
                var rows = Crowds.Noisy(tasks, workers, classes, seed);
                foreach (var m in AggregationCatalogue.All)
                {
                    var a = m.Run(Crowds.Build(rows));
                    var b = m.Run(Crowds.Build(rows));
                    Assert.Equal(a.Posteriors.ToArray(), b.Posteriors.ToArray());
                    Assert.Equal(a.Labels.ToArray(), b.Labels.ToArray());
                }
            },
            fixedCount: 20,
            fresh: 0);
    }

    // ---- The properties can fail ----

    [Fact]
    public void PerfectAnnotators_RegressionCrowdsBreakTheFixedPriorModels()
    {
        // Each regression crowd is a real counterexample for the model without the pooled prior: if this test
        // fails, the list no longer exercises what it was kept for.
        foreach (var (tasks, workers, classes, seed, skewed, failsWithoutPooling) in Crowds.PerfectRegressions)
        {
            var (rows, truth) = skewed ? Crowds.PerfectSkewed(tasks, workers, classes, seed) : Crowds.Perfect(tasks, workers, classes, seed);
            foreach (var name in failsWithoutPooling.Split(','))
            {
                var fixedPrior = name == DawidSkene.Name ? s_dsFixedPrior : s_maceFixedPrior;
                Assert.True(
                    PropertyChecks.PerfectAnnotators(fixedPrior, rows, truth) is not null,
                    $"crowd ({tasks}, {workers}, {classes}, {seed}) no longer breaks {fixedPrior.Name}");
            }
        }
    }

    [Fact]
    public void PerfectAnnotators_CatchesAMethodThatIgnoresTheLabels()
    {
        var broken = Broken("first-class", (table, row, t) => row[0] = 1);
        Assert.True(AnyFailure((tasks, workers, classes, seed) =>
        {
            var (rows, truth) = Crowds.Perfect(tasks, workers, classes, seed);
            return PropertyChecks.PerfectAnnotators(broken, rows, truth);
        }));
    }

    [Fact]
    public void Relabelling_CatchesAMethodThatFavoursTheFirstClassIndex()
    {
        // Vote shares plus a bonus for class index 0: depends on the class names' order, not only on the data.
        var broken = Broken("index-biased", (table, row, t) =>
        {
            Votes(table, row, t);
            row[0] += 0.5;
            Normalise(row);
        });
        Assert.True(AnyFailure((tasks, workers, classes, seed) => PropertyChecks.RelabellingPermutes(broken, Crowds.Noisy(tasks, workers, classes, seed), seed)));
    }

    [Fact]
    public void RandomAnnotator_CatchesAMethodWhereTheLastLabelWins()
    {
        var broken = Broken("last-label", (table, row, t) => row[table.LabelClasses[table.TaskOffsets[t + 1] - 1]] = 1);
        Assert.True(AnyFailure((tasks, workers, classes, seed) => PropertyChecks.RandomAnnotatorNeverFlipsFivePerfect(broken, tasks, workers, classes, seed)));
    }

    [Fact]
    public void Posteriors_CatchesUnnormalisedVotes()
    {
        var broken = Broken("raw-votes", Votes);
        Assert.True(AnyFailure((tasks, workers, classes, seed) => PropertyChecks.PosteriorsAreDistributions(broken, Crowds.Noisy(tasks, workers, classes, seed))));
    }

    private static bool AnyFailure(Func<int, int, int, int, string?> check)
    {
        var failed = false;
        Crowds.ForEach((tasks, workers, classes, seed) => failed |= check(tasks, workers, classes, seed) is not null, fresh: 0);
        return failed;
    }

    private delegate void RowFiller(LabelTable table, Span<double> row, int task);

    private static AggregationMethod Broken(string name, RowFiller fill) => new(name, "deliberately broken", table =>
    {
        var k = table.ClassCount;
        var posteriors = new double[table.TaskCount * k];
        var labels = new int[table.TaskCount];
        for (var t = 0; t < table.TaskCount; t++)
        {
            var row = posteriors.AsSpan(t * k, k);
            fill(table, row, t);
            var best = 0;
            for (var c = 1; c < k; c++)
            {
                best = row[c] > row[best] ? c : best;
            }

            labels[t] = best;
        }

        return new CategoricalResult(name, k, labels, posteriors, new double[table.WorkerCount], 0, true);
    });

    private static void Votes(LabelTable table, Span<double> row, int t)
    {
        for (var j = table.TaskOffsets[t]; j < table.TaskOffsets[t + 1]; j++)
        {
            row[table.LabelClasses[j]] += 1;
        }
    }

    private static void Normalise(Span<double> row)
    {
        var sum = 0.0;
        foreach (var p in row)
        {
            sum += p;
        }

        for (var c = 0; c < row.Length; c++)
        {
            row[c] /= sum;
        }
    }
}
