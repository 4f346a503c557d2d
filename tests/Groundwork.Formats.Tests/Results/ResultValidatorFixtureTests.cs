using System.Text.Json;
using Groundwork.Formats.Results;
using Groundwork.Formats.Tests.Export;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Results;

/// <summary>Results Label Studio itself produced (label-studio-converter's YOLO fixture) validate cleanly.</summary>
public sealed class ResultValidatorFixtureTests
{
    [Theory]
    [InlineData(ConverterYoloFixture.Annotation1)]
    [InlineData(ConverterYoloFixture.Annotation2)]
    [InlineData(ConverterYoloFixture.Annotation3)]
    public void Validate_ConverterFixtureResult_IsValid(string result)
    {
        var config = LabelConfigParserTests.ParseValid(TemplateConfigs.ConverterYoloFixture);
        using var document = JsonDocument.Parse(result);
        using var data = JsonDocument.Parse("""{"image": "/image1"}""");

        var errors = ResultValidator.Validate(config, document.RootElement, data.RootElement);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
