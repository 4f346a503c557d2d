using Groundwork.Quality;
using Groundwork.Quality.Csv;
using Groundwork.Testing;

namespace Groundwork.Quality.Tests.RealData;

/// <summary>One dataset of ../shared/data/truth, loaded once per test run.</summary>
internal sealed record TruthDataset(string Name, LabelTable Table, GoldLabels Gold, int[] GoldIndices)
{
    private static readonly Dictionary<(string, DuplicateLabelPolicy), TruthDataset> s_cache = [];
    private static readonly Lock s_lock = new();

    public static readonly string[] Categorical = ["Duck", "D_Product", "D_PosSent", "Dog", "Face", "S_Adult", "S_Rel"];

    public static TruthDataset Load(string name, DuplicateLabelPolicy duplicates = DuplicateLabelPolicy.KeepLast)
    {
        var folder = SharedData.RequireFolder("truth", name);
        lock (s_lock)
        {
            if (s_cache.TryGetValue((name, duplicates), out var cached))
            {
                return cached;
            }

            using var labels = File.OpenText(Path.Combine(folder, "labels.csv"));
            var table = LabelCsv.ReadLabels(labels, duplicates);
            Assert.True(table.Succeeded, table.Error?.ToString());
            using var truth = File.OpenText(Path.Combine(folder, "truth.csv"));
            var gold = LabelCsv.ReadGold(truth);
            Assert.True(gold.Succeeded, gold.Error?.ToString());
            var result = new TruthDataset(name, table.Value!, gold.Value!, gold.Value!.ToClassIndices(table.Value!));
            s_cache[(name, duplicates)] = result;
            return result;
        }
    }
}
