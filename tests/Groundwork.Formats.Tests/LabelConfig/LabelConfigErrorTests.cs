using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Tests.LabelConfigs;

public sealed class LabelConfigErrorTests
{
    private static LabelConfigError SingleError(string xml)
    {
        var result = LabelConfigParser.Parse(xml);
        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Parse_MalformedXml_ReportsLineAndPosition()
    {
        var error = SingleError("<View>\n  <Text name=\"t\" value=\"$t\">\n</View>");

        Assert.Equal(LabelConfigErrorCode.MalformedXml, error.Code);
        Assert.Equal(3, error.Line);
        Assert.True(error.Position > 0);
    }

    [Fact]
    public void Parse_EmptyString_IsMalformed()
    {
        Assert.Equal(LabelConfigErrorCode.MalformedXml, SingleError("").Code);
    }

    [Fact]
    public void Parse_RootNotView_IsReported()
    {
        var error = SingleError("""<Panel><Text name="t" value="$t"/><Rating name="r" toName="t"/></Panel>""");

        Assert.Equal(LabelConfigErrorCode.RootNotView, error.Code);
        Assert.Equal("Panel", error.Tag);
        Assert.Equal((1, 2), (error.Line, error.Position));
    }

    [Fact]
    public void Parse_ControlWithoutToName_NamesTagAndAttribute()
    {
        var error = SingleError("<View>\n<Text name=\"t\" value=\"$t\"/>\n  <Choices name=\"sentiment\"><Choice value=\"A\"/></Choices>\n</View>");

        Assert.Equal(LabelConfigErrorCode.MissingAttribute, error.Code);
        Assert.Equal("Choices", error.Tag);
        Assert.Equal("sentiment", error.TagName);
        Assert.Equal("toName", error.Attribute);
        Assert.Equal((3, 4), (error.Line, error.Position));
        Assert.Equal("line 3, position 4: <Choices name=\"sentiment\"> attribute \"toName\": <Choices> needs a non-empty \"toName\" attribute", error.ToString());
    }

    [Fact]
    public void Parse_ControlWithoutName_IsReported()
    {
        var error = SingleError("""<View><Text name="t" value="$t"/><Rating toName="t"/></View>""");

        Assert.Equal((LabelConfigErrorCode.MissingAttribute, "Rating", "name"), (error.Code, error.Tag, error.Attribute));
    }

    [Fact]
    public void Parse_ObjectWithoutValue_IsReported()
    {
        var error = SingleError("""<View><Image name="img"/><Rectangle name="r" toName="img"/></View>""");

        Assert.Equal((LabelConfigErrorCode.MissingAttribute, "Image", "value"), (error.Code, error.Tag, error.Attribute));
    }

    [Fact]
    public void Parse_EmptyToName_IsMissing()
    {
        var error = SingleError("""<View><Text name="t" value="$t"/><Rating name="r" toName=" "/></View>""");

        Assert.Equal((LabelConfigErrorCode.MissingAttribute, "toName"), (error.Code, error.Attribute));
    }

    [Fact]
    public void Parse_DuplicateName_PointsAtTheSecondAndNamesTheFirst()
    {
        var error = SingleError("<View>\n<Text name=\"x\" value=\"$a\"/>\n<Text name=\"x\" value=\"$b\"/>\n<Rating name=\"r\" toName=\"x\"/></View>");

        Assert.Equal(LabelConfigErrorCode.DuplicateName, error.Code);
        Assert.Equal(("Text", "name", 3), (error.Tag, error.Attribute, error.Line));
        Assert.Contains("already used by <Text> at line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlAndObjectSharingAName_IsDuplicate()
    {
        var error = SingleError("""<View><Text name="x" value="$a"/><Rating name="x" toName="x"/></View>""");

        Assert.Equal(LabelConfigErrorCode.DuplicateName, error.Code);
    }

    [Fact]
    public void Parse_ToNameOfMissingObject_IsUnknownTarget()
    {
        var error = SingleError("<View>\n<Image name=\"image\" value=\"$image\"/>\n<RectangleLabels name=\"label\" toName=\"img\"><Label value=\"Car\"/></RectangleLabels>\n</View>");

        Assert.Equal(LabelConfigErrorCode.UnknownTarget, error.Code);
        Assert.Equal(("RectangleLabels", "label", "toName", 3), (error.Tag, error.TagName, error.Attribute, error.Line));
        Assert.Equal("no object tag is named \"img\"", error.Message);
    }

    [Fact]
    public void Parse_ToNameOfAControl_SaysItIsNotAnObject()
    {
        var error = SingleError("""<View><Text name="t" value="$t"/><Rating name="r" toName="t"/><Rating name="r2" toName="r"/></View>""");

        Assert.Equal(LabelConfigErrorCode.UnknownTarget, error.Code);
        Assert.Equal("\"r\" is a <Rating>, not an object tag", error.Message);
    }

    [Fact]
    public void Parse_PairwiseWithOneMissingTarget_ReportsThatTarget()
    {
        var error = SingleError("""<View><Text name="a" value="$a"/><Pairwise name="pw" toName="a, b"/></View>""");

        Assert.Equal(LabelConfigErrorCode.UnknownTarget, error.Code);
        Assert.Contains("\"b\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PairwiseWithOneTarget_IsInvalid()
    {
        var error = SingleError("""<View><Text name="a" value="$a"/><Pairwise name="pw" toName="a"/></View>""");

        Assert.Equal((LabelConfigErrorCode.InvalidAttribute, "toName"), (error.Code, error.Attribute));
    }

    [Fact]
    public void Parse_SeveralTargetsOnChoices_IsInvalid()
    {
        var error = SingleError("""<View><Text name="a" value="$a"/><Text name="b" value="$b"/><Choices name="c" toName="a,b"><Choice value="X"/></Choices></View>""");

        Assert.Equal((LabelConfigErrorCode.InvalidAttribute, "toName"), (error.Code, error.Attribute));
        Assert.Contains("only Pairwise and Relations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ImageControlOnText_IsIncompatible()
    {
        var error = SingleError("""<View><Text name="t" value="$t"/><RectangleLabels name="l" toName="t"><Label value="A"/></RectangleLabels></View>""");

        Assert.Equal(LabelConfigErrorCode.IncompatibleTarget, error.Code);
        Assert.Equal("<RectangleLabels> cannot label <Text> \"t\"; it labels Image", error.Message);
    }

    [Theory]
    [InlineData("Labels", "Label")]
    [InlineData("RectangleLabels", "Label")]
    [InlineData("Choices", "Choice")]
    [InlineData("Taxonomy", "Choice")]
    public void Parse_ControlWithoutOptions_IsEmpty(string control, string option)
    {
        var error = SingleError($"""<View><Image name="i" value="$i"/><{control} name="c" toName="i"></{control}></View>""");

        Assert.Equal(LabelConfigErrorCode.EmptyOptions, error.Code);
        Assert.Equal(control, error.Tag);
        Assert.Equal($"<{control}> needs at least one <{option}>", error.Message);
    }

    [Fact]
    public void Parse_LabelWithoutValue_IsMissingAttribute()
    {
        var error = SingleError("""<View><Text name="t" value="$t"/><Labels name="l" toName="t"><Label value="A"/><Label background="red"/></Labels></View>""");

        Assert.Equal((LabelConfigErrorCode.MissingAttribute, "Label", "value"), (error.Code, error.Tag, error.Attribute));
    }

    [Fact]
    public void Parse_DuplicateLabel_IsReported()
    {
        var error = SingleError("""<View><Text name="t" value="$t"/><Labels name="l" toName="t"><Label value="A"/><Label value="A"/></Labels></View>""");

        Assert.Equal((LabelConfigErrorCode.DuplicateOption, "Label", "value"), (error.Code, error.Tag, error.Attribute));
        Assert.Equal("\"A\" appears twice in <Labels name=\"l\">", error.Message);
    }

    [Fact]
    public void Parse_DuplicateHotkey_IsReported()
    {
        var error = SingleError("""<View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="A" hotkey="1"/><Choice value="B" hotkey="1"/></Choices></View>""");

        Assert.Equal((LabelConfigErrorCode.DuplicateHotkey, "hotkey"), (error.Code, error.Attribute));
    }

    [Fact]
    public void Parse_LabelOutsideAControl_IsMisplaced()
    {
        var error = SingleError("""<View><Text name="t" value="$t"/><Rating name="r" toName="t"/><Label value="A"/></View>""");

        Assert.Equal((LabelConfigErrorCode.MisplacedOption, "Label"), (error.Code, error.Tag));
    }

    [Fact]
    public void Parse_UnknownTagWithToName_IsUnknownControl()
    {
        var error = SingleError("""<View><Image name="i" value="$i"/><RectangleLabel name="l" toName="i"/><Rectangle name="r" toName="i"/></View>""");

        Assert.Equal((LabelConfigErrorCode.UnknownControl, "RectangleLabel", "toName"), (error.Code, error.Tag, error.Attribute));
    }

    [Theory]
    [InlineData("""<Choices name="c" toName="t" choice="several"><Choice value="A"/></Choices>""", "choice")]
    [InlineData("""<Rating name="c" toName="t" maxRating="0"/>""", "maxRating")]
    [InlineData("""<Rating name="c" toName="t" maxRating="five"/>""", "maxRating")]
    [InlineData("""<Number name="c" toName="t" min="ten"/>""", "min")]
    [InlineData("""<Number name="c" toName="t" min="10" max="1"/>""", "min")]
    public void Parse_BadControlAttribute_IsInvalid(string control, string attribute)
    {
        var error = SingleError($"""<View><Text name="t" value="$t"/>{control}</View>""");

        Assert.Equal((LabelConfigErrorCode.InvalidAttribute, attribute), (error.Code, error.Attribute));
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$my text")]
    public void Parse_BadVariable_IsInvalid(string value)
    {
        var error = SingleError($"""<View><Text name="t" value="{value}"/><Rating name="r" toName="t"/></View>""");

        Assert.Equal((LabelConfigErrorCode.InvalidAttribute, "value"), (error.Code, error.Attribute));
    }

    [Fact]
    public void Parse_NoControl_IsIncomplete()
    {
        Assert.Equal(LabelConfigErrorCode.Incomplete, SingleError("""<View><Text name="t" value="$t"/></View>""").Code);
    }

    [Fact]
    public void Parse_TooDeep_IsReportedOnce()
    {
        var xml = "<View><Text name=\"t\" value=\"$t\"/><Rating name=\"r\" toName=\"t\"/>"
            + string.Concat(Enumerable.Repeat("<View>", 200)) + string.Concat(Enumerable.Repeat("</View>", 200)) + "</View>";

        Assert.Equal(LabelConfigErrorCode.TooDeep, SingleError(xml).Code);
    }

    [Fact]
    public void Parse_HugeNesting_IsReportedWithoutExhaustingTheStack()
    {
        const int levels = 130_000;
        var xml = "<View><Text name=\"t\" value=\"$t\"/><Rating name=\"r\" toName=\"t\"/>"
            + string.Concat(Enumerable.Repeat("<a>", levels)) + string.Concat(Enumerable.Repeat("</a>", levels)) + "</View>";

        Assert.Equal(LabelConfigErrorCode.TooDeep, SingleError(xml).Code);
    }

    [Fact]
    public void Parse_TooLarge_IsRejectedBeforeParsing()
    {
        var xml = "<View>" + new string(' ', LabelConfigParser.MaxLength) + "</View>";

        Assert.Equal(LabelConfigErrorCode.TooLarge, SingleError(xml).Code);
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllReported()
    {
        var result = LabelConfigParser.Parse("""
            <View>
              <Image name="img" value="$image"/>
              <RectangleLabels name="box" toName="image"><Label value="Car"/></RectangleLabels>
              <Choices name="box" toName="img"/>
            </View>
            """);

        Assert.Equal(
            [LabelConfigErrorCode.EmptyOptions, LabelConfigErrorCode.DuplicateName, LabelConfigErrorCode.UnknownTarget],
            result.Errors.Select(e => e.Code));
    }
}
