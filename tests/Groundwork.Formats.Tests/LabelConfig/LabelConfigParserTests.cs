using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Tests.LabelConfigs;

public sealed class LabelConfigParserTests
{
    internal static LabelConfig ParseValid(string xml)
    {
        var result = LabelConfigParser.Parse(xml);
        Assert.True(result.IsValid, "unexpected errors:\n" + string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        return result.Config;
    }

    [Theory]
    [MemberData(nameof(TemplateConfigs.All), MemberType = typeof(TemplateConfigs))]
    public void Parse_StandardTemplate_IsValid(string template, string xml)
    {
        var config = ParseValid(xml);

        Assert.NotEmpty(config.ObjectTags);
        Assert.NotEmpty(config.ControlTags);
        Assert.False(string.IsNullOrEmpty(template));
    }

    [Fact]
    public void Parse_ImageBoundingBoxes_ReadsLabelsWithHotkeysAndColours()
    {
        var config = ParseValid(TemplateConfigs.ImageBoundingBoxes);

        var image = Assert.Single(config.ObjectTags);
        Assert.Equal(new ObjectTag("image", ObjectTagKind.Image, "$image", "image", image.Attributes), image);
        var control = Assert.Single(config.ControlTags);
        Assert.Equal("label", control.Name);
        Assert.Equal(ControlTagKind.RectangleLabels, control.Kind);
        Assert.Equal("rectanglelabels", control.ResultType);
        Assert.Equal(["image"], control.ToNames);
        Assert.Equal(ChoiceMode.Single, control.ChoiceMode);
        Assert.Equal(["Airplane", "Car"], control.Options.Select(o => o.Value));
        Assert.Equal(["a", "c"], control.Options.Select(o => o.Hotkey));
        Assert.Equal(["green", "blue"], control.Options.Select(o => o.Background));
        Assert.Equal(["image"], config.Variables);
        Assert.Same(control, config.FindControl("label"));
        Assert.Same(image, config.FindObject("image"));
        Assert.Null(config.FindControl("image"));
    }

    [Fact]
    public void Parse_TextClassification_FindsChoicesInsideLayoutViews()
    {
        var config = ParseValid(TemplateConfigs.TextClassification);

        var choices = Assert.Single(config.ControlTags);
        Assert.Equal(ControlTagKind.Choices, choices.Kind);
        Assert.Equal(["Positive", "Negative", "Neutral"], choices.Options.Select(o => o.Value));
        Assert.Equal("true", choices.Attributes["showInLine"]);
    }

    [Theory]
    [InlineData("single", ChoiceMode.Single)]
    [InlineData("single-radio", ChoiceMode.SingleRadio)]
    [InlineData("multiple", ChoiceMode.Multiple)]
    public void Parse_ChoiceAttribute_SetsChoiceMode(string attribute, ChoiceMode expected)
    {
        var config = ParseValid($"""
            <View><Text name="t" value="$t"/>
            <Choices name="c" toName="t" choice="{attribute}"><Choice value="A"/><Choice value="B"/></Choices></View>
            """);

        Assert.Equal(expected, config.ControlTags[0].ChoiceMode);
    }

    [Fact]
    public void Parse_Pairwise_KeepsBothTargets()
    {
        var config = ParseValid(TemplateConfigs.Pairwise);

        var pairwise = Assert.Single(config.ControlTags);
        Assert.Equal(["text1", "text2"], pairwise.ToNames);
        Assert.Equal(["text1", "text2"], config.Variables);
    }

    [Fact]
    public void Parse_Ranker_ReadsBucketsByName()
    {
        var config = ParseValid(TemplateConfigs.Ranker);

        var ranker = Assert.Single(config.ControlTags);
        Assert.Equal(ControlTagKind.Ranker, ranker.Kind);
        Assert.Equal(["relevant", "biased"], ranker.Options.Select(o => o.Value));
        Assert.Equal(ObjectTagKind.List, config.FindObject("results")!.Kind);
        Assert.Equal(["query", "items"], config.Variables);
    }

    [Fact]
    public void Parse_Rating_ReadsMaxRating()
    {
        var config = ParseValid(TemplateConfigs.Rating);

        Assert.Equal(10, config.ControlTags[0].MaxRating);
    }

    [Fact]
    public void Parse_RatingWithoutMaxRating_DefaultsToFive()
    {
        var config = ParseValid("""<View><Text name="t" value="$t"/><Rating name="r" toName="t"/></View>""");

        Assert.Equal(5, config.ControlTags[0].MaxRating);
    }

    [Fact]
    public void Parse_Number_ReadsMinAndMax()
    {
        var config = ParseValid(TemplateConfigs.SupervisedLlm);

        var number = config.FindControl("quality")!;
        Assert.Equal(0, number.Min);
        Assert.Equal(10, number.Max);
    }

    [Fact]
    public void Parse_Relations_NeedNoNameOrTarget()
    {
        var config = ParseValid(TemplateConfigs.RelationExtraction);

        var relations = config.ControlTags.Single(c => c.Kind == ControlTagKind.Relations);
        Assert.Equal("relation", relations.ResultType);
        Assert.Empty(relations.ToNames);
        Assert.Equal(["org:founded_by", "org:founded"], relations.Options.Select(o => o.Value));
    }

    [Fact]
    public void Parse_Taxonomy_KeepsNesting()
    {
        var config = ParseValid(TemplateConfigs.Taxonomy);

        var taxonomy = Assert.Single(config.ControlTags);
        Assert.Equal(["Archaea", "Bacteria", "Eukarya"], taxonomy.Options.Select(o => o.Value));
        Assert.Equal(["Human", "Oppossum"], taxonomy.Options[2].Children.Select(o => o.Value));
    }

    [Fact]
    public void Parse_DynamicChoices_AreOpenAndListTheirVariable()
    {
        var config = ParseValid("""<View><Text name="t" value="$text"/><Choices name="c" toName="t" value="$options"/></View>""");

        var choices = config.ControlTags[0];
        Assert.True(choices.HasOpenOptions);
        Assert.Equal("options", choices.OptionsVariable);
        Assert.Equal(["text", "options"], config.Variables);
    }

    [Fact]
    public void Parse_LiteralObjectValue_HasNoVariable()
    {
        var config = ParseValid("""<View><Text name="t" value="Compare these"/><Rating name="r" toName="t"/></View>""");

        Assert.Null(config.ObjectTags[0].Variable);
        Assert.Empty(config.Variables);
    }

    [Fact]
    public void Parse_TagNamesAndAttributes_MatchCaseInsensitivelyAsLabelStudioDoes()
    {
        var config = ParseValid("""<view><image name="i" value="$img"/><rectanglelabels name="l" toname="i"><label value="A"/></rectanglelabels></view>""");

        Assert.Equal(ControlTagKind.RectangleLabels, config.ControlTags[0].Kind);
        Assert.Equal(["i"], config.ControlTags[0].ToNames);
    }

    [Fact]
    public void Parse_Alias_IsTheResultValue()
    {
        var config = ParseValid("""<View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="Yes, definitely" alias="yes"/></Choices></View>""");

        Assert.Equal("yes", config.ControlTags[0].Options[0].ResultValue);
    }

    [Fact]
    public void Parse_TaxonomyFromAService_NeedsNoChoicesAndIsOpen()
    {
        var config = ParseValid("""<View><Text name="t" value="$t"/><Taxonomy name="tax" toName="t" apiUrl="https://example.com/taxonomy"/></View>""");

        Assert.True(config.ControlTags[0].HasOpenOptions);
    }
}
