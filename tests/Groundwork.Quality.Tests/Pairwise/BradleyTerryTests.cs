using System.Globalization;
using System.Text;
using Groundwork.Quality.Pairwise;
using Groundwork.Testing;

namespace Groundwork.Quality.Tests.Pairwise;

public sealed class BradleyTerryTests
{
    [Fact]
    public void Fit_RecoversTheOrderOfASimulatedLadder()
    {
        var random = new Random(5);
        var truth = Enumerable.Range(0, 30).Select(i => i * 0.2).ToArray();
        var comparisons = new List<PairwiseComparison>();
        for (var n = 0; n < 3000; n++)
        {
            int a = random.Next(30), b = random.Next(30);
            if (a == b)
            {
                continue;
            }

            var aWins = random.NextDouble() < 1 / (1 + Math.Exp(truth[b] - truth[a]));
            comparisons.Add(aWins ? new(a, b, 0) : new(b, a, 0));
        }

        var fit = BradleyTerry.Fit(30, comparisons.ToArray());
        Assert.True(RankCorrelation.Spearman(fit.Scores, truth) > 0.95);
        Assert.Equal(0.0, fit.Scores.Sum(), 9);
    }

    [Fact]
    public void NoiseAware_DiscountsACoinFlippingWorker()
    {
        var random = new Random(9);
        var comparisons = new List<PairwiseComparison>();
        for (var n = 0; n < 4000; n++)
        {
            int a = random.Next(20), b = random.Next(20);
            if (a == b)
            {
                continue;
            }

            var worker = n % 2;
            var aWins = worker == 0 ? a > b : random.Next(2) == 0;
            comparisons.Add(aWins ? new(a, b, worker) : new(b, a, worker));
        }

        var fit = BradleyTerry.FitNoiseAware(20, 2, comparisons.ToArray());
        Assert.True(fit.WorkerReliability[0] > 0.9, $"{fit.WorkerReliability[0]}");
        Assert.True(fit.WorkerReliability[1] < 0.3, $"{fit.WorkerReliability[1]}");
        Assert.Equal(Enumerable.Range(0, 20).Reverse(), fit.Ranking);
    }

    [Fact]
    public void Spearman_HandlesTies()
    {
        Assert.Equal(1.0, RankCorrelation.Spearman([1, 2, 2, 3], [10, 20, 20, 30]), 12);
        Assert.Equal(-1.0, RankCorrelation.Spearman([1, 2, 3], [3, 2, 1]), 12);
    }

    [Fact]
    public void Readability_RankingQuality_IsReportedAndBeatsWinRate()
    {
        var folder = SharedData.RequireFolder("pairwise", "readability_chen2013");
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var workers = new Dictionary<string, int>(StringComparer.Ordinal);
        int Item(string s) => items.TryGetValue(s, out var i) ? i : items[s] = items.Count;
        int Worker(string s) => workers.TryGetValue(s, out var i) ? i : workers[s] = workers.Count;
        var comparisons = new List<PairwiseComparison>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "comparisons.csv")).Skip(1))
        {
            var f = line.Split(',');
            var (left, right, winner) = (Item(f[1]), Item(f[2]), Item(f[3]));
            comparisons.Add(new(winner, winner == left ? right : left, Worker(f[0])));
        }

        var gold = new double[items.Count];
        foreach (var line in File.ReadLines(Path.Combine(folder, "gold.csv")).Skip(1))
        {
            var f = line.Split(',');
            if (items.TryGetValue(f[0], out var i))
            {
                gold[i] = double.Parse(f[1], CultureInfo.InvariantCulture);
            }
        }

        var compared = comparisons.Select(c => (Math.Min(c.Winner, c.Loser), Math.Max(c.Winner, c.Loser))).Distinct().ToArray();
        var allPairs = new List<(int, int)>();
        for (var a = 0; a < items.Count; a++)
        {
            for (var b = a + 1; b < items.Count; b++)
            {
                allPairs.Add((a, b));
            }
        }

        var wins = new double[items.Count];
        var games = new double[items.Count];
        foreach (var c in comparisons)
        {
            wins[c.Winner]++;
            games[c.Winner]++;
            games[c.Loser]++;
        }

        var winRate = wins.Select((w, i) => games[i] == 0 ? 0.5 : w / games[i]).ToArray();
        var bt = BradleyTerry.Fit(items.Count, comparisons.ToArray());
        var noisy = BradleyTerry.FitNoiseAware(items.Count, workers.Count, comparisons.ToArray());

        var rows = new (string Name, double[] Scores)[] { ("win rate", winRate), ("Bradley-Terry", bt.Scores), ("noise-aware Bradley-Terry", noisy.Scores) };
        var sb = new StringBuilder("| method | gold-discordant compared pairs ordered correctly | all gold-discordant item pairs | Spearman rho vs reading level |\n|---|---|---|---|\n");
        var results = new Dictionary<string, double>();
        foreach (var (name, scores) in rows)
        {
            var comparedShare = RankCorrelation.ConcordantShare(scores, gold, compared);
            var allShare = RankCorrelation.ConcordantShare(scores, gold, allPairs.ToArray());
            var rho = RankCorrelation.Spearman(scores, gold);
            results[name] = comparedShare;
            sb.Append(CultureInfo.InvariantCulture, $"| {name} | {comparedShare:0.0000} | {allShare:0.0000} | {rho:0.000} |\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n{comparisons.Count:N0} judgements, {items.Count} passages, {workers.Count} workers, {compared.Length:N0} distinct compared pairs. Published: Bradley-Terry Spearman rho 0.246 (crowd-kit paper, possibly another version of the data); plain Bradley-Terry about 68% of gold-discordant pairs, win rate about 65% (data README).\n");
        QualityDoc.WriteSection("pairwise", sb.ToString());
        Assert.True(results["Bradley-Terry"] > results["win rate"]);
        Assert.True(results["noise-aware Bradley-Terry"] >= results["Bradley-Terry"] - 0.01);
    }
}
