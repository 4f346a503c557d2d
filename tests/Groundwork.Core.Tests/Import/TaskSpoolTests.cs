using Groundwork.Core.Import;

namespace Groundwork.Core.Tests.Import;

public sealed class TaskSpoolTests
{
    [Fact]
    public void Spool_GivesBackEveryFieldInOrder_AndCanBeReadTwice()
    {
        using var spool = TaskSpool.Create();
        var tasks = new[]
        {
            new ImportTask("""{"text":"é ✓"}""", "u1", """{"m":1}""", 5, "b", """[{"result":[]}]""", null, 3),
            new ImportTask("{}", Line: 4, CallbackUrl: "https://example.com/cb?task=1"),
            new ImportTask("""{"x":null}""", null, null, -2, null, null, """[{"result":[],"score":0.5}]""", 9),
        };
        foreach (var task in tasks)
        {
            spool.Add(task);
        }

        Assert.Equal(3, spool.Count);
        Assert.Equal(2, spool.WithAnnotationsOrPredictions);
        Assert.Equal(tasks, spool.Read().ToArray());
        Assert.Equal(tasks, spool.Read().ToArray());
        Assert.Throws<InvalidOperationException>(() => spool.Add(tasks[0]));
    }

    [Fact]
    public void Dispose_RemovesTheFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "spool-test-" + Guid.NewGuid().ToString("N"));
        var spool = TaskSpool.Create(folder);
        spool.Add(new ImportTask("{}"));

        spool.Dispose();

        Assert.Empty(Directory.GetFiles(folder));
        Directory.Delete(folder);
    }

    [Fact]
    public void ImportedResults_UnpackResultLeadTimeModelAndScore()
    {
        var results = ImportedResults.Parse("""[{"result":[{"id":"a"}],"lead_time":2.5,"model_version":"m","score":0.9},{"result":[]}]""");

        Assert.Equal(2, results.Count);
        Assert.Equal("""[{"id":"a"}]""", results[0].ResultJson);
        Assert.Equal(2.5, results[0].LeadTime);
        Assert.Equal("m", results[0].ModelVersion);
        Assert.Equal(0.9, results[0].Score);
        Assert.Null(results[1].LeadTime);
        Assert.Empty(ImportedResults.Parse(null));
    }
}
