using System.Text.Json;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Tests.LabelConfigs;

public sealed class LabelConfigJsonTests
{
    [Fact]
    public void Serialize_Config_IsSnakeCaseWithTagNamesAsKinds()
    {
        var config = LabelConfigParserTests.ParseValid(TemplateConfigs.ImageBoundingBoxes);

        var json = JsonSerializer.Serialize(config, LabelConfigJsonContext.Default.LabelConfig);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(["object_tags", "control_tags", "variables"], root.EnumerateObject().Select(p => p.Name));
        var image = root.GetProperty("object_tags")[0];
        Assert.Equal("Image", image.GetProperty("kind").GetString());
        Assert.Equal("image", image.GetProperty("variable").GetString());
        var control = root.GetProperty("control_tags")[0];
        Assert.Equal("RectangleLabels", control.GetProperty("kind").GetString());
        Assert.Equal("rectanglelabels", control.GetProperty("result_type").GetString());
        Assert.Equal("image", control.GetProperty("to_names")[0].GetString());
        Assert.Equal("single", control.GetProperty("choice_mode").GetString());
        Assert.Equal("image", control.GetProperty("attributes").GetProperty("toName").GetString());
        Assert.Equal("a", control.GetProperty("options")[0].GetProperty("hotkey").GetString());
        Assert.False(control.TryGetProperty("max_rating", out _));
    }

    [Fact]
    public void Serialize_Errors_AreSnakeCaseWithCodeNames()
    {
        var result = LabelConfigParser.Parse("""<View><Text name="t" value="$t"/><Rating name="r" toName="x"/></View>""");

        var json = JsonSerializer.Serialize(result, LabelConfigJsonContext.Default.LabelConfigParseResult);
        using var document = JsonDocument.Parse(json);

        var error = document.RootElement.GetProperty("errors")[0];
        Assert.Equal("UnknownTarget", error.GetProperty("code").GetString());
        Assert.Equal("toName", error.GetProperty("attribute").GetString());
        Assert.Equal("Rating", error.GetProperty("tag").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.False(document.RootElement.GetProperty("is_valid").GetBoolean());
    }
}
