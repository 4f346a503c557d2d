using Groundwork.Quality.Categorical;
using Groundwork.Quality.Csv;

namespace Groundwork.Quality.Tests.Csv;

public sealed class LabelCsvTests
{
    [Fact]
    public void ReadLabels_HandlesQuotesCrLfAndColumnOrder()
    {
        var csv = "label,Task,worker,extra\r\n\"a,b\",t1,w1,x\r\n\"say \"\"hi\"\"\",t1,w2,y\r\nplain,\"t\n2\",w1,z\r\n";
        var result = LabelCsv.ReadLabels(new StringReader(csv));
        Assert.True(result.Succeeded, result.Error?.ToString());
        var table = result.Value!;
        Assert.Equal(3, table.LabelCount);
        Assert.Equal("t\n2", table.TaskName(1));
        Assert.Equal(["a,b", "plain", "say \"hi\""], table.ClassNames);
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("task,who,label\nt,w,l\n", 1, "'worker'")]
    [InlineData("task,worker,label\nt,w,l\nt2,w\n", 3, "expected 3 fields")]
    [InlineData("task,worker,label\nt,w,l\nt2,w,\"open\n", 3, "unterminated")]
    [InlineData("task,worker,label\nt,w,l\n\nt3,w,a\"b\n", 4, "quote")]
    [InlineData("task,worker,label\nt,,l\n", 2, "empty")]
    [InlineData("task,worker,label\n", 2, "no labels")]
    public void ReadLabels_MalformedInput_ReportsTheLine(string csv, int line, string message)
    {
        var result = LabelCsv.ReadLabels(new StringReader(csv));
        Assert.False(result.Succeeded);
        Assert.Equal(line, result.Error!.Line);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGold_ConflictingAnswers_AreAnError()
    {
        var result = LabelCsv.ReadGold(new StringReader("task,label\nt,a\nt,b\n"));
        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Error!.Line);
    }

    [Fact]
    public void WriteConsensus_ThenAccuracy_RoundTrip()
    {
        var table = LabelCsv.ReadLabels(new StringReader("task,worker,label\nt1,a,x\nt1,b,x\nt1,c,y\n\"t,2\",a,y\n")).Value!;
        var result = MajorityVote.Run(table);
        var writer = new StringWriter();
        LabelCsv.WriteConsensus(writer, table, result);
        Assert.Equal("task,label,confidence\nt1,x,0.666667\n\"t,2\",y,1\n", writer.ToString());

        var gold = LabelCsv.ReadGold(new StringReader("task,label\nt1,x\n\"t,2\",x\nt3,x\nt4,z\n")).Value!;
        var accuracy = GoldAccuracy.Measure(table, result, gold);
        Assert.Equal(2, accuracy.Scored);
        Assert.Equal(1, accuracy.Correct);
        Assert.Equal(2, accuracy.GoldWithoutLabels);
        Assert.Equal(0.5, accuracy.Accuracy);
    }

    [Fact]
    public void Gold_WithAClassNoWorkerGave_CountsAsWrong()
    {
        var table = LabelCsv.ReadLabels(new StringReader("task,worker,label\nt1,a,x\n")).Value!;
        var gold = LabelCsv.ReadGold(new StringReader("task,label\nt1,never\n")).Value!;
        var accuracy = GoldAccuracy.Measure(table, MajorityVote.Run(table), gold);
        Assert.Equal(1, accuracy.UnseenGoldClasses);
        Assert.Equal(0.0, accuracy.Accuracy);
    }
}
