using System.Globalization;
using System.Text;
using System.Text.Json;
using Groundwork.Quality.Agreement;
using Groundwork.Quality.Categorical;
using Groundwork.Quality.Spans;
using Groundwork.Testing;

namespace Groundwork.Quality.Tests.Spans;

public sealed class SpanConsensusTests
{
    [Fact]
    public void FromBio_ReadsSpans_IncludingAnIAfterO()
    {
        Assert.Equal([new TextSpan(1, 3), new TextSpan(3, 4), new TextSpan(5, 6)], SpanConsensus.FromBio(["O", "B-P", "I-P", "B-P", "O", "I-P"]));
    }

    [Fact]
    public void Aggregate_MajorityOfWorkers_MakesTheSpan()
    {
        SpanAnnotation[] annotations =
        [
            new("s", "a", ["O", "B-P", "I-P", "O"]),
            new("s", "b", ["O", "B-P", "I-P", "I-P"]),
            new("s", "c", ["B-P", "I-P", "O", "O"]),
        ];
        var result = SpanConsensus.Aggregate(annotations, MajorityVote.Run);
        Assert.Equal([new TextSpan(1, 3)], result["s"].Spans);
    }

    [Fact]
    public void SpanVote_ExactNeedsIdenticalSpans_OverlapAcceptsNearMisses()
    {
        IReadOnlyList<TextSpan>[] workers = [[new(1, 3)], [new(1, 4)], [new(1, 3), new(6, 7)], []];
        Assert.Empty(new SpanVote().Aggregate(workers, exact: true));
        Assert.Equal([new TextSpan(1, 3)], new SpanVote().Aggregate(workers, exact: false));
        IReadOnlyList<TextSpan>[] three = [[new(1, 3)], [new(1, 3)], [new(2, 5)]];
        Assert.Equal([new TextSpan(1, 3)], new SpanVote().Aggregate(three, exact: true));
    }

    [Fact]
    public void SpanMatching_ExactAndOverlap()
    {
        var counts = default(SpanCounts);
        SpanMatching.Count([new(0, 2), new(5, 8)], [new(0, 2), new(6, 9), new(10, 11)], exact: true, ref counts);
        Assert.Equal(1.0 / 3, counts.Precision, 12);
        Assert.Equal(0.5, counts.Recall, 12);
        var overlap = default(SpanCounts);
        SpanMatching.Count([new(0, 2), new(5, 8)], [new(0, 2), new(6, 9), new(10, 11)], exact: false, ref overlap);
        Assert.Equal(2.0 / 3, overlap.Precision, 12);
        Assert.Equal(1.0, overlap.Recall, 12);
    }

    [Fact]
    public void Pico_ConsensusKappa_ReachesThePublishedMajorityVoteKappas()
    {
        var folder = SharedData.RequireFolder("spans", "pico_zlabinger2020");
        var annotations = new List<(string Setting, string Entity, SpanAnnotation Annotation)>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "annotations.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var tags = root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
            annotations.Add((root.GetProperty("setting").GetString()!, root.GetProperty("entity").GetString()!, new SpanAnnotation(root.GetProperty("task").GetString()!, root.GetProperty("worker").GetString()!, tags)));
        }

        var gold = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "gold.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            gold[doc.RootElement.GetProperty("task").GetString()!] = doc.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
        }

        string[] settings = ["baseline", "senbase", "sensupport"];
        string[] entities = ["participants", "interventions", "outcomes"];
        double[,] published = { { 0.760, 0.715, 0.780 }, { 0.476, 0.675, 0.757 }, { 0.343, 0.655, 0.694 } };
        var methods = new (string Name, Func<LabelTable, CategoricalResult> Run)[] { ("mv", MajorityVote.Run), ("ds", t => DawidSkene.Run(t)) };
        var sb = new StringBuilder("| element | setting | published MV kappa | our token MV kappa | our token DS kappa | DS span F1 exact | DS span F1 overlap | span vote (exact) kappa / F1 exact | span vote (overlap) kappa / F1 overlap |\n|---|---|---|---|---|---|---|---|---|\n");
        var failures = new List<string>();
        for (var e = 0; e < entities.Length; e++)
        {
            for (var s = 0; s < settings.Length; s++)
            {
                var subset = annotations.Where(a => a.Setting == settings[s] && a.Entity == entities[e]).Select(a => a.Annotation).ToList();
                var kappas = new Dictionary<string, double>(StringComparer.Ordinal);
                SpanCounts exact = default, overlap = default;
                foreach (var (name, run) in methods)
                {
                    var consensus = SpanConsensus.Aggregate(subset, run);
                    var ours = new List<int>();
                    var truth = new List<int>();
                    foreach (var (item, (inside, spans)) in consensus)
                    {
                        var g = gold[item];
                        for (var i = 0; i < g.Length; i++)
                        {
                            ours.Add(inside[i] ? 1 : 0);
                            truth.Add(SpanConsensus.IsInside(g[i]) ? 1 : 0);
                        }

                        if (name == "ds")
                        {
                            var goldSpans = SpanConsensus.FromBio(g);
                            SpanMatching.Count(goldSpans, spans, exact: true, ref exact);
                            SpanMatching.Count(goldSpans, spans, exact: false, ref overlap);
                        }
                    }

                    kappas[name] = AgreementMetrics.CohensKappa(ours.ToArray(), truth.ToArray(), 2);
                }

                var spanVote = new Dictionary<bool, (double Kappa, double F1)>();
                foreach (var exactMode in new[] { true, false })
                {
                    var ours = new List<int>();
                    var truth = new List<int>();
                    SpanCounts counts = default;
                    foreach (var group in subset.GroupBy(a => a.Item, StringComparer.Ordinal))
                    {
                        var g = gold[group.Key];
                        var spans = new SpanVote().Aggregate(group.Select(a => (IReadOnlyList<TextSpan>)SpanConsensus.FromBio(a.Tags)).ToList(), exactMode);
                        var inside = new bool[g.Length];
                        foreach (var sp in spans)
                        {
                            for (var i = sp.Start; i < sp.End; i++)
                            {
                                inside[i] = true;
                            }
                        }

                        for (var i = 0; i < g.Length; i++)
                        {
                            ours.Add(inside[i] ? 1 : 0);
                            truth.Add(SpanConsensus.IsInside(g[i]) ? 1 : 0);
                        }

                        SpanMatching.Count(SpanConsensus.FromBio(g), spans, exactMode, ref counts);
                    }

                    spanVote[exactMode] = (AgreementMetrics.CohensKappa(ours.ToArray(), truth.ToArray(), 2), counts.F1);
                }

                sb.Append(CultureInfo.InvariantCulture, $"| {entities[e]} | {settings[s]} | {published[e, s]:0.000} | {kappas["mv"]:0.000} | {kappas["ds"]:0.000} | {exact.F1:0.000} | {overlap.F1:0.000} | {spanVote[true].Kappa:0.000} / {spanVote[true].F1:0.000} | {spanVote[false].Kappa:0.000} / {spanVote[false].F1:0.000} |\n");
                var best = Math.Max(kappas["mv"], kappas["ds"]);
                if (best < published[e, s] - 0.005)
                {
                    failures.Add($"{entities[e]}/{settings[s]}: {best:0.000} < {published[e, s]:0.000}");
                }
            }
        }

        sb.Append("\nKappa: Cohen's kappa of token inside/outside against the experts' token majority (gold.jsonl), over all tokens of the 423 sentences. Published: the repository README of Zlabinger et al. (EMNLP Findings 2020).\n");
        QualityDoc.WriteSection("spans", sb.ToString());
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }
}
