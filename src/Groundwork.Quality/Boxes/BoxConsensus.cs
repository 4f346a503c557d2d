namespace Groundwork.Quality.Boxes;

/// <summary>
/// Consensus boxes for one task by IoU matching across annotators. Repeatedly: take the unclaimed box with
/// the largest summed IoU to other workers' unclaimed boxes (the medoid of the densest cluster); claim, from
/// every other worker, its best-matching unclaimed box with IoU at least <paramref name="MatchIoU"/>; keep the
/// cluster when at least <paramref name="Quorum"/> of the task's workers are in it. A kept box has the mean
/// corners of its cluster after dropping members whose IoU with the medoid is below the cluster's median
/// (a trimmed mean, robust to sloppy outlines), and the label most of its members gave (ties: ordinal first).
/// Deterministic: ties between candidate medoids go to the earlier box.
/// </summary>
/// <param name="MatchIoU">IoU needed to match two workers' boxes (default 0.5).</param>
/// <param name="Quorum">Share of the task's workers that must agree for a box to be kept (default 0.5).</param>
public sealed record BoxConsensus(double MatchIoU = 0.5, double Quorum = 0.5)
{
    public IReadOnlyList<ConsensusBox> Aggregate(IReadOnlyList<Box> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        var n = boxes.Count;
        var workers = boxes.Select(b => b.Worker).Distinct().Count();
        var iou = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                iou[(i * n) + j] = iou[(j * n) + i] = boxes[i].IoU(boxes[j]);
            }
        }

        var claimed = new bool[n];
        var result = new List<ConsensusBox>();
        while (true)
        {
            var seed = -1;
            var bestScore = -1.0;
            for (var i = 0; i < n; i++)
            {
                if (claimed[i])
                {
                    continue;
                }

                var score = 0.0;
                for (var j = 0; j < n; j++)
                {
                    if (!claimed[j] && boxes[j].Worker != boxes[i].Worker)
                    {
                        score += iou[(i * n) + j];
                    }
                }

                if (score > bestScore)
                {
                    bestScore = score;
                    seed = i;
                }
            }

            if (seed < 0)
            {
                break;
            }

            // One box per worker: each other worker's best unclaimed match above the threshold.
            var members = new List<int> { seed };
            foreach (var worker in boxes.Select(b => b.Worker).Distinct())
            {
                if (worker == boxes[seed].Worker)
                {
                    continue;
                }

                var best = -1;
                var bestIoU = MatchIoU;
                for (var j = 0; j < n; j++)
                {
                    if (!claimed[j] && boxes[j].Worker == worker && iou[(seed * n) + j] >= bestIoU)
                    {
                        best = j;
                        bestIoU = iou[(seed * n) + j];
                    }
                }

                if (best >= 0)
                {
                    members.Add(best);
                }
            }

            foreach (var m in members)
            {
                claimed[m] = true;
            }

            if (members.Count < Quorum * workers)
            {
                continue;
            }

            result.Add(Merge(boxes, members, iou, n, seed, workers));
        }

        return result;
    }

    private static ConsensusBox Merge(IReadOnlyList<Box> boxes, List<int> members, double[] iou, int n, int seed, int workers)
    {
        var similarities = members.Select(m => m == seed ? 1.0 : iou[(seed * n) + m]).Order().ToArray();
        var median = similarities[similarities.Length / 2];
        var kept = members.Where(m => m == seed || iou[(seed * n) + m] >= median).ToList();
        double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
        foreach (var m in kept)
        {
            x1 += boxes[m].X;
            y1 += boxes[m].Y;
            x2 += boxes[m].X + boxes[m].W;
            y2 += boxes[m].Y + boxes[m].H;
        }

        x1 /= kept.Count;
        y1 /= kept.Count;
        x2 /= kept.Count;
        y2 /= kept.Count;
        var label = members.GroupBy(m => boxes[m].Label, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
        var box = new Box(-1, label, x1, y1, x2 - x1, y2 - y1);
        var meanIoU = members.Average(m => box.IoU(boxes[m]));
        return new ConsensusBox(label, x1, y1, x2 - x1, y2 - y1, members.Count, workers, meanIoU);
    }
}
