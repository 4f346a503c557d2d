using System.Globalization;
using System.Text;
using Groundwork.Quality.Csv;
using Groundwork.Quality.Text;
using Groundwork.Testing;

namespace Groundwork.Quality.Tests.Text;

public sealed class TranscriptionConsensusTests
{
    [Fact]
    public void Words_NormaliseCaseAndPunctuation()
    {
        Assert.Equal(["i'm", "here", "twenty", "two"], WordErrorRate.Words("I'm here, Twenty-two!"));
        Assert.Equal(0.5, WordErrorRate.Compute("a b c d", "a x c"), 12);
    }

    [Fact]
    public void Rover_FixesAnErrorNoSingleTranscriptionAvoids()
    {
        string[] texts = ["the cat sat on a mat", "the bat sat on the mat", "the cat sat in the mat"];
        Assert.Equal("the cat sat on the mat", TranscriptionConsensus.Rover(texts));
        Assert.Equal("only one", TranscriptionConsensus.Rover(["Only one."]));
        Assert.Equal("the cat sat on a mat", TranscriptionConsensus.Medoid(texts));
    }

    [Fact]
    public void CrowdSpeech_ConsensusWer_ApproachesRover()
    {
        var folder = SharedData.RequireFolder("text", "crowdspeech");
        var answers = ReadPairs(Path.Combine(folder, "answers.csv"), 0, 2)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToList(), StringComparer.Ordinal);
        var gold = ReadPairs(Path.Combine(folder, "gold.csv"), 0, 1).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var published = new Dictionary<string, (double Rover, double Worker)>(StringComparer.Ordinal)
        {
            ["dev-clean"] = (0.061, 0.163),
            ["dev-other"] = (0.120, 0.260),
            ["test-clean"] = (0.064, 0.179),
            ["test-other"] = (0.116, 0.254),
        };
        var sb = new StringBuilder("| split | recordings | one worker (mean) | medoid | ROVER-style (ours) | published ROVER | published worker |\n|---|---|---|---|---|---|---|\n");
        var ours = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var split in published.Keys)
        {
            double refWords = 0, medoidEdits = 0, roverEdits = 0, workerEdits = 0, workerRefWords = 0;
            var n = 0;
            foreach (var (task, texts) in answers)
            {
                if (!task.StartsWith(split + "/", StringComparison.Ordinal) || !gold.TryGetValue(task, out var reference))
                {
                    continue;
                }

                n++;
                var r = WordErrorRate.Words(reference);
                refWords += r.Length;
                medoidEdits += WordErrorRate.Distance(r, WordErrorRate.Words(TranscriptionConsensus.Medoid(texts)));
                roverEdits += WordErrorRate.Distance(r, WordErrorRate.Words(TranscriptionConsensus.Rover(texts)));
                foreach (var t in texts)
                {
                    workerEdits += WordErrorRate.Distance(r, WordErrorRate.Words(t));
                    workerRefWords += r.Length;
                }
            }

            ours[split] = roverEdits / refWords;
            sb.Append(CultureInfo.InvariantCulture, $"| {split} | {n:N0} | {workerEdits / workerRefWords:0.000} | {medoidEdits / refWords:0.000} | **{roverEdits / refWords:0.000}** | {published[split].Rover:0.000} | {published[split].Worker:0.000} |\n");
        }

        sb.Append("\nWER is corpus-level (total word edits / total reference words) after lower-casing and removing punctuation.\n");
        QualityDoc.WriteSection("text", sb.ToString());
        foreach (var (split, (rover, worker)) in published)
        {
            Assert.True(ours[split] < worker, $"{split}: {ours[split]:0.000} is no better than one worker");
            Assert.True(ours[split] <= rover + 0.01, $"{split}: {ours[split]:0.000} is far from ROVER's {rover:0.000}");
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadPairs(string path, int key, int value)
    {
        using var reader = File.OpenText(path);
        var csv = new CsvRecordReader(reader);
        var fields = new List<string>();
        csv.TryRead(fields, out _);
        while (csv.TryRead(fields, out var error))
        {
            Assert.Null(error);
            yield return new(fields[key], fields[value]);
        }
    }
}
