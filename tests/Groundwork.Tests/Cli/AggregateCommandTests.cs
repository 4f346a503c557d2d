using Groundwork.Cli;

namespace Groundwork.Tests.Cli;

public sealed class AggregateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("groundwork-aggregate-").FullName;

    private static Task<int> RunAsync(params string[] args) =>
        GroundworkCli.Create().Parse(["aggregate", .. args]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("mv")]
    [InlineData("wmv")]
    [InlineData("ds")]
    [InlineData("onecoin")]
    [InlineData("glad")]
    [InlineData("mace")]
    [InlineData("wawa")]
    [InlineData("zbs")]
    public async Task Aggregate_WritesTaskLabelConfidence_ForEveryMethod(string method)
    {
        // Extra column and shuffled column order are allowed; t2 is a tie between a and b under majority vote.
        var input = Write("labels.csv", "worker,extra,task,label\nw1,x,t1,a\nw2,x,t1,a\nw3,x,t1,b\nw1,x,t2,b\nw2,x,t2,b\nw3,x,t2,b\nw1,x,t3,a\n");
        var output = Path.Combine(_folder, "truth.csv");
        var gold = Write("gold.csv", "task,label\nt1,a\nt2,b\nt3,a\n");

        var exit = await RunAsync("--method", method, "--input", input, "--output", output, "--gold", gold);

        Assert.Equal(0, exit);
        var lines = await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal("task,label,confidence", lines[0]);
        Assert.Equal(["t1,a", "t2,b", "t3,a"], lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));
        Assert.All(lines.Skip(1), l => Assert.InRange(double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture), 0.0, 1.0));
    }

    [Fact]
    public async Task Aggregate_List_Succeeds_AndUnknownMethodFailsWithoutWriting()
    {
        var input = Write("labels.csv", "task,worker,label\nt1,w1,a\n");
        var output = Path.Combine(_folder, "truth.csv");

        Assert.Equal(0, await RunAsync("--list"));
        Assert.Equal(2, await RunAsync("--method", "kos", "--input", input, "--output", output));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Aggregate_BadCsv_FailsWithoutWriting()
    {
        var input = Write("labels.csv", "task,worker,label\nt1,w1\n");
        var output = Path.Combine(_folder, "truth.csv");

        Assert.Equal(1, await RunAsync("--method", "ds", "--input", input, "--output", output));
        Assert.False(File.Exists(output));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
