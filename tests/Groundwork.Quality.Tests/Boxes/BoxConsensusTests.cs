using System.Globalization;
using Groundwork.Quality.Boxes;
using Groundwork.Testing;

namespace Groundwork.Quality.Tests.Boxes;

public sealed class BoxConsensusTests
{
    [Fact]
    public void Aggregate_KeepsAgreedBoxes_DropsLoneOnes_AndVotesTheLabel()
    {
        Box[] boxes =
        [
            new(1, "cat", 10, 10, 100, 100), new(2, "cat", 12, 8, 98, 104), new(3, "dog", 9, 11, 101, 99),
            new(1, "car", 300, 300, 50, 50), new(2, "car", 302, 301, 50, 48),
            new(3, "tree", 600, 0, 20, 20),
        ];
        var result = new BoxConsensus().Aggregate(boxes);
        Assert.Equal(2, result.Count);
        Assert.Equal("cat", result[0].Label);
        Assert.Equal(3, result[0].Support);
        Assert.Equal("car", result[1].Label);
        Assert.InRange(result[0].X, 9, 12);
    }

    [Fact]
    public void Aggregate_SingleAnnotator_KeepsTheirBoxes()
    {
        var result = new BoxConsensus().Aggregate([new Box(1, "a", 0, 0, 10, 10)]);
        Assert.Single(result);
        Assert.Equal(10, result[0].W);
    }

    [Fact]
    public void CrowdSeg_ConsensusIoU_BeatsTheMedianOfCorners()
    {
        var folder = SharedData.RequireFolder("boxes", "crowdseg_lee2017");
        static Box Parse(string[] f, int worker) => new(worker, f[2], D(f[3]), D(f[4]), D(f[5]), D(f[6]));
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        var byTask = File.ReadLines(Path.Combine(folder, "boxes.csv")).Skip(1).Select(l => l.Split(','))
            .GroupBy(f => f[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => Parse(f, int.Parse(f[1], CultureInfo.InvariantCulture))).ToList(), StringComparer.Ordinal);
        var gold = File.ReadLines(Path.Combine(folder, "gold.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => new Box(-1, f[1], D(f[2]), D(f[3]), D(f[4]), D(f[5])), StringComparer.Ordinal);

        double consensusSum = 0, medianSum = 0, singleSum = 0;
        var n = 0;
        var labelRight = 0;
        foreach (var (task, truth) in gold)
        {
            var boxes = byTask[task];
            var best = new BoxConsensus().Aggregate(boxes).OrderByDescending(b => b.Support).First();
            var consensus = new Box(-1, best.Label, best.X, best.Y, best.W, best.H);
            consensusSum += consensus.IoU(truth);
            labelRight += string.Equals(best.Label, truth.Label, StringComparison.Ordinal) ? 1 : 0;
            var x1 = Median(boxes.Select(b => b.X));
            var y1 = Median(boxes.Select(b => b.Y));
            var x2 = Median(boxes.Select(b => b.X + b.W));
            var y2 = Median(boxes.Select(b => b.Y + b.H));
            medianSum += new Box(-1, "", x1, y1, x2 - x1, y2 - y1).IoU(truth);
            singleSum += boxes.Average(b => b.IoU(truth));
            n++;
        }

        double consensusIoU = consensusSum / n, medianIoU = medianSum / n, singleIoU = singleSum / n;
        QualityDoc.WriteSection("boxes", string.Create(CultureInfo.InvariantCulture, $"""
            | method | mean IoU with the gold box ({n} objects) |
            |---|---|
            | one worker's box (mean) | {singleIoU:0.000} |
            | median of the workers' corners (baseline) | {medianIoU:0.000} |
            | **BoxConsensus** (IoU 0.5 matching, quorum 0.5, trimmed mean of corners) | **{consensusIoU:0.000}** |

            Label of the consensus box equals the gold label on {labelRight} of {n} objects. Published baselines (data README): one worker 0.830, median of corners 0.890.
            """));
        Assert.True(consensusIoU > medianIoU, $"consensus {consensusIoU:0.000} vs median {medianIoU:0.000}");
        Assert.True(consensusIoU > 0.890);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }
}
