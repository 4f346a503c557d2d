using Groundwork.Core.Import;
using Groundwork.Formats.Import;

namespace Groundwork.Formats.Tests.Import;

public sealed class TaskVariableCheckTests
{
    private static readonly TaskVariableCheck s_check = TaskVariableCheck.For(
        """<View><Image name="img" value="$image"/><Text name="t" value="$caption"/><Choices name="c" toName="img" value="$options"/></View>""")!;

    [Fact]
    public void Variables_AreTheConfigs()
    {
        Assert.Equal(["image", "caption", "options"], s_check.Variables);
    }

    [Theory]
    [InlineData("""{"image":"a.png","caption":"c","options":[]}""")]
    [InlineData("""{"extra":{"image":null},"options":[{"value":"x"}],"caption":"","image":"a.png"}""")]
    public void TaskWithEveryVariable_Passes(string data)
    {
        s_check.Check(new ImportTask(data, Line: 3), 1);
    }

    [Theory]
    [InlineData("""{"caption":"c","options":[]}""", "image")]
    [InlineData("""{"image":null,"caption":"c","options":[]}""", "image")]
    [InlineData("""{"image":"a.png","options":[],"meta":{"caption":"nested is not top-level"}}""", "caption")]
    [InlineData("""{"IMAGE":"a.png","caption":"c","options":[]}""", "image")]
    [InlineData("""{}""", "image")]
    public void TaskMissingAVariable_IsRefused_WithItsIndexLineAndTheVariable(string data, string missing)
    {
        var error = Assert.Throws<ImportFormatException>(() => s_check.Check(new ImportTask(data, Line: 12), 4));

        Assert.Equal(12, error.Line);
        Assert.Equal("data." + missing, error.Field);
        Assert.Contains("task 4", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{missing}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DottedVariable_IsFoundByItsPath()
    {
        var check = TaskVariableCheck.For("""<View><Text name="t" value="$doc.body"/><Choices name="c" toName="t"><Choice value="a"/></Choices></View>""")!;

        check.Check(new ImportTask("""{"doc":{"body":"x"}}"""), 1);
        check.Check(new ImportTask("""{"doc.body":"x"}"""), 1);
        Assert.Throws<ImportFormatException>(() => check.Check(new ImportTask("""{"doc":{"title":"x"}}"""), 1));
    }

    [Fact]
    public void ConfigWithoutVariables_HasNoCheck()
    {
        Assert.Null(TaskVariableCheck.For("""<View><Text name="t" value="fixed text"/><Choices name="c" toName="t"><Choice value="a"/></Choices></View>"""));
        Assert.Null(TaskVariableCheck.For("<not a config"));
    }
}
