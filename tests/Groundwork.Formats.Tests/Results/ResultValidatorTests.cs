using System.Text.Json;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Formats.Results;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Results;

public sealed class ResultValidatorTests
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Dog"/><Label value="Cat"/></RectangleLabels>
          <PolygonLabels name="poly" toName="image"><Label value="Road"/></PolygonLabels>
          <KeyPointLabels name="kp" toName="image"><Label value="Nose"/></KeyPointLabels>
          <KeyPoint name="point" toName="image"/>
          <Choices name="quality" toName="image" perRegion="true"><Choice value="blurry "/></Choices>
          <Text name="text" value="$text"/>
          <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
          <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
          <Choices name="tags" toName="text" choice="multiple"><Choice value="a"/><Choice value="b"/></Choices>
          <Rating name="rating" toName="text" maxRating="5"/>
          <Number name="score" toName="text" min="0" max="10"/>
          <TextArea name="answer" toName="text"/>
          <Taxonomy name="tax" toName="text"><Choice value="Animal"><Choice value="Dog"/></Choice></Taxonomy>
          <Audio name="audio" value="$audio"/>
          <Labels name="speaker" toName="audio"><Label value="Alice"/></Labels>
          <Text name="a" value="$a"/>
          <Text name="b" value="$b"/>
          <Pairwise name="pw" toName="a,b"/>
          <List name="items" value="$items"/>
          <Ranker name="rank" toName="items"><Bucket name="good"/><Bucket name="bad"/></Ranker>
          <Relations><Relation value="knows"/></Relations>
        </View>
        """;

    // "😀" is two UTF-16 code units, so "Alice" is at [6, 11) as Label Studio (JavaScript) counts.
    private const string TaskData = """
        {"image": "https://example.com/1.jpg", "text": "Hi 😀 Alice works at ACME.", "audio": "a.wav",
         "a": "x", "b": "y", "items": [{"id": "1"}, {"id": "2"}, {"id": "3"}]}
        """;

    private static readonly LabelConfig s_config = LabelConfigParserTests.ParseValid(Config);

    private static IReadOnlyList<ResultError> Validate(string result, string? data = TaskData)
    {
        using var resultDocument = JsonDocument.Parse(result);
        using var dataDocument = data is null ? null : JsonDocument.Parse(data);
        return ResultValidator.Validate(s_config, resultDocument.RootElement.Clone(), dataDocument?.RootElement.Clone());
    }

    private static string Region(string fromName, string toName, string type, string value, string id = "r1", string extra = "") =>
        $$"""{"id": "{{id}}", "from_name": "{{fromName}}", "to_name": "{{toName}}", "type": "{{type}}", "value": {{value}}{{extra}}}""";

    private static void AssertValid(params string[] regions)
    {
        var errors = Validate("[" + string.Join(",", regions) + "]");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static string SingleError(params string[] regions) =>
        Assert.Single(Validate("[" + string.Join(",", regions) + "]")).ToString();

    private const string Box = """{"x": 10, "y": 20, "width": 30, "height": 40, "rotation": 0, "rectanglelabels": ["Dog"]}""";

    [Fact]
    public void Validate_EmptyResult_IsValid() => AssertValid();

    [Fact]
    public void Validate_NotAnArray_IsReported()
    {
        Assert.Equal("result: result: must be an array of regions, not an object", Assert.Single(Validate("{}")).ToString());
    }

    [Fact]
    public void Validate_RegionNotAnObject_IsReported()
    {
        Assert.Equal("result[0]: region: must be an object, not a number", Assert.Single(Validate("[1]")).ToString());
    }

    [Fact]
    public void Validate_LabelStudioDocumentationExample_IsValid()
    {
        // The rectangle of https://labelstud.io/guide/task_format, with the label renamed to this config's.
        AssertValid("""
            {"from_name": "label", "id": "Dx_aB91ISN", "source": "$image", "to_name": "image", "type": "rectanglelabels",
             "original_width": 600, "original_height": 403, "image_rotation": 0,
             "value": {"height": 10.458911419423693, "rectanglelabels": ["Dog"], "rotation": 0, "width": 12.4, "x": 50.8, "y": 5.869797225186766}}
            """);
    }

    [Fact]
    public void Validate_UnknownFromName_IsReported()
    {
        Assert.Equal(
            "result[0] (id \"r1\"): from_name: \"labels\" is not a control tag of the labeling configuration",
            SingleError(Region("labels", "image", "rectanglelabels", Box)));
    }

    [Fact]
    public void Validate_MissingFromName_IsReported()
    {
        Assert.Equal("result[0] (id \"r1\"): from_name: is missing",
            SingleError("""{"id": "r1", "to_name": "image", "type": "rectanglelabels", "value": {}}"""));
    }

    [Fact]
    public void Validate_ToNameNotATargetOfTheControl_IsReported()
    {
        Assert.Equal(
            "result[0] (id \"r1\"): to_name: \"text\" is not a target of RectangleLabels \"label\" (toName=\"image\")",
            SingleError(Region("label", "text", "rectanglelabels", Box)));
    }

    [Fact]
    public void Validate_TypeNotMatchingControl_IsReported()
    {
        Assert.Equal(
            "result[0] (id \"r1\"): type: \"polygonlabels\" does not match RectangleLabels \"label\", whose results have type \"rectanglelabels\"",
            SingleError(Region("label", "image", "polygonlabels", Box)));
    }

    [Fact]
    public void Validate_MissingValue_IsReported()
    {
        Assert.Equal("result[0] (id \"r1\"): value: must be an object",
            SingleError("""{"id": "r1", "from_name": "label", "to_name": "image", "type": "rectanglelabels"}"""));
    }

    [Fact]
    public void Validate_UnknownLabel_NamesRegionFieldAndControl()
    {
        var errors = Validate("[" + Region("label", "image", "rectanglelabels", Box, id: "a") + ","
            + Region("label", "image", "rectanglelabels", Box, id: "b") + ","
            + Region("label", "image", "rectanglelabels", Box.Replace("Dog", "Dgo", StringComparison.Ordinal), id: "abc") + "]");

        Assert.Equal("result[2] (id \"abc\"): value.rectanglelabels: label \"Dgo\" is not in RectangleLabels \"label\"", Assert.Single(errors).ToString());
        Assert.Equal((2, "abc", "value.rectanglelabels"), (errors[0].Index, errors[0].RegionId, errors[0].Field));
    }

    [Fact]
    public void Validate_TwoLabelsOnASingleChoiceControl_IsReported()
    {
        Assert.Contains("2 labels given",
            SingleError(Region("label", "image", "rectanglelabels", Box.Replace("[\"Dog\"]", "[\"Dog\", \"Cat\"]", StringComparison.Ordinal))), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyLabels_IsReported()
    {
        Assert.Equal("result[0] (id \"r1\"): value.rectanglelabels: is empty",
            SingleError(Region("label", "image", "rectanglelabels", Box.Replace("[\"Dog\"]", "[]", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("""{"x": -1, "y": 0, "width": 10, "height": 10, "rectanglelabels": ["Dog"]}""", "value.x: -1 is outside 0..100 (image coordinates are percentages)")]
    [InlineData("""{"x": 0, "y": 101, "width": 10, "height": 0, "rectanglelabels": ["Dog"]}""", "value.y: 101 is outside 0..100 (image coordinates are percentages)")]
    [InlineData("""{"x": 95, "y": 0, "width": 10, "height": 10, "rectanglelabels": ["Dog"]}""", "value.width: x + width = 105 is past the right edge (100)")]
    [InlineData("""{"x": 0, "y": 50, "width": 10, "height": 60, "rectanglelabels": ["Dog"]}""", "value.height: y + height = 110 is past the bottom edge (100)")]
    [InlineData("""{"x": "0", "y": 0, "width": 10, "height": 10, "rectanglelabels": ["Dog"]}""", "value.x: must be a number, not \"0\"")]
    [InlineData("""{"y": 0, "width": 10, "height": 10, "rectanglelabels": ["Dog"]}""", "value.x: is missing")]
    public void Validate_RectangleOutsideTheImage_IsReported(string value, string expected)
    {
        Assert.Equal("result[0] (id \"r1\"): " + expected, SingleError(Region("label", "image", "rectanglelabels", value)));
    }

    [Fact]
    public void Validate_RectangleTouchingTheEdgeWithRoundingError_IsValid()
    {
        AssertValid(Region("label", "image", "rectanglelabels", """{"x": 60.00000000000001, "y": 0, "width": 40, "height": 100, "rectanglelabels": ["Cat"]}"""));
    }

    [Fact]
    public void Validate_RotatedRectangle_SkipsTheEdgeSums()
    {
        AssertValid(Region("label", "image", "rectanglelabels", """{"x": 90, "y": 90, "width": 20, "height": 20, "rotation": 180, "rectanglelabels": ["Cat"]}"""));
    }

    [Fact]
    public void Validate_Polygon_InsideIsValidOutsideIsReported()
    {
        AssertValid(Region("poly", "image", "polygonlabels", """{"points": [[0, 0], [100, 0], [50, 99.5]], "polygonlabels": ["Road"]}"""));
        Assert.Equal(
            "result[0] (id \"r1\"): value.points[1]: [100.5, 0] is outside 0..100",
            SingleError(Region("poly", "image", "polygonlabels", """{"points": [[0, 0], [100.5, 0], [50, 50]], "polygonlabels": ["Road"]}""")));
        Assert.Equal(
            "result[0] (id \"r1\"): value.points: a polygon needs at least 3 points, not 2",
            SingleError(Region("poly", "image", "polygonlabels", """{"points": [[0, 0], [1, 1]], "polygonlabels": ["Road"]}""")));
        Assert.Equal(
            "result[0] (id \"r1\"): value.points[0]: must be [x, y]",
            SingleError(Region("poly", "image", "polygonlabels", """{"points": [[0], [1, 1], [2, 2]], "polygonlabels": ["Road"]}""")));
    }

    [Fact]
    public void Validate_KeyPoint_IsCheckedAsAPoint()
    {
        AssertValid(Region("kp", "image", "keypointlabels", """{"x": 50, "y": 50, "width": 0.5, "keypointlabels": ["Nose"]}"""));
        Assert.Equal(
            "result[0] (id \"r1\"): value.y: 120 is outside 0..100 (image coordinates are percentages)",
            SingleError(Region("kp", "image", "keypointlabels", """{"x": 50, "y": 120, "keypointlabels": ["Nose"]}""")));
    }

    [Fact]
    public void Validate_KeyPoint_OutOfRangeOrBadlySized_IsRejectedWithTheField()
    {
        AssertValid(
            Region("point", "image", "keypoint", """{"x": 0, "y": 100, "width": 1}""", extra: """, "original_width": 640, "original_height": 480"""),
            Region("kp", "image", "keypointlabels", """{"x": 12.5, "y": 99.999, "keypointlabels": ["Nose"]}""", id: "r2"));
        Assert.Equal(
            "result[0] (id \"r1\"): value.x: -0.5 is outside 0..100 (image coordinates are percentages)",
            SingleError(Region("point", "image", "keypoint", """{"x": -0.5, "y": 10}""")));
        Assert.Equal(
            "result[0] (id \"r1\"): value.x: 100.5 is outside 0..100 (image coordinates are percentages)",
            SingleError(Region("kp", "image", "keypointlabels", """{"x": 100.5, "y": 10, "width": 1, "keypointlabels": ["Nose"]}""")));
        Assert.Equal(
            "result[0] (id \"r1\"): value.width: -1 is negative",
            SingleError(Region("kp", "image", "keypointlabels", """{"x": 1, "y": 10, "width": -1, "keypointlabels": ["Nose"]}""")));
        Assert.Equal(
            "result[0] (id \"r1\"): value.y: is missing",
            SingleError(Region("point", "image", "keypoint", """{"x": 1}""")));
        Assert.Equal(
            "result[0] (id \"r1\"): value.keypointlabels: label \"Tail\" is not in KeyPointLabels \"kp\"",
            SingleError(Region("kp", "image", "keypointlabels", """{"x": 1, "y": 10, "keypointlabels": ["Tail"]}""")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1.5)]
    public void Validate_BadOriginalSize_IsReported(double width)
    {
        var error = SingleError(Region("label", "image", "rectanglelabels", Box, extra: $", \"original_width\": {width.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

        Assert.StartsWith("result[0] (id \"r1\"): original_width: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PerRegionChoice_SharesTheRegionIdAndTrimsLikeLabelStudio()
    {
        // label-studio-converter's YOLO fixture writes "uncertain" for a Choice declared as "uncertain ".
        AssertValid(
            Region("label", "image", "rectanglelabels", Box, id: "same"),
            Region("quality", "image", "choices", """{"x": 10, "y": 20, "width": 30, "height": 40, "choices": ["blurry"]}""", id: "same"));
    }

    [Fact]
    public void Validate_TextSpan_CountsUtf16CodeUnits()
    {
        AssertValid(Region("ner", "text", "labels", """{"start": 6, "end": 11, "text": "Alice", "labels": ["PER"]}"""));
    }

    [Theory]
    [InlineData("""{"start": 5, "end": 10, "text": "Alice", "labels": ["PER"]}""", "value.text: \"Alice\" is not the text at [5, 10) of data.text, which is \" Alic\"")]
    [InlineData("""{"start": 21, "end": 99, "labels": ["ORG"]}""", "value.end: 99 is past the end of data.text (26 UTF-16 code units)")]
    [InlineData("""{"start": -1, "end": 3, "labels": ["ORG"]}""", "value.start: -1 is negative")]
    [InlineData("""{"start": 6, "end": 6, "labels": ["ORG"]}""", "value.end: 6 is not after start 6")]
    [InlineData("""{"start": 6.5, "end": 8, "labels": ["ORG"]}""", "value.start: must be a whole number, not 6.5")]
    [InlineData("""{"start": 6, "end": 11, "labels": ["LOC"]}""", "value.labels: label \"LOC\" is not in Labels \"ner\"")]
    public void Validate_BadTextSpan_IsReported(string value, string expected)
    {
        Assert.Equal("result[0] (id \"r1\"): " + expected, SingleError(Region("ner", "text", "labels", value)));
    }

    [Fact]
    public void Validate_TextSpanWithoutTaskData_ChecksOnlyOrder()
    {
        using var result = JsonDocument.Parse("[" + Region("ner", "text", "labels", """{"start": 21, "end": 99, "labels": ["ORG"]}""") + "]");

        Assert.Empty(ResultValidator.Validate(s_config, result.RootElement, null));
    }

    [Fact]
    public void Validate_AudioRegion_NeedsNonNegativeStartBeforeEnd()
    {
        AssertValid(Region("speaker", "audio", "labels", """{"start": 0, "end": 1.25, "channel": 0, "labels": ["Alice"]}"""));
        Assert.Equal("result[0] (id \"r1\"): value.end: 1 seconds is not after start 2",
            SingleError(Region("speaker", "audio", "labels", """{"start": 2, "end": 1, "labels": ["Alice"]}""")));
        Assert.Equal("result[0] (id \"r1\"): value.start: -0.5 seconds is negative",
            SingleError(Region("speaker", "audio", "labels", """{"start": -0.5, "end": 1, "labels": ["Alice"]}""")));
    }

    [Fact]
    public void Validate_Choices_SingleAndMultiple()
    {
        AssertValid(
            Region("sentiment", "text", "choices", """{"choices": ["Positive"]}"""),
            Region("tags", "text", "choices", """{"choices": ["a", "b"]}""", id: "r2"));
        Assert.Equal("result[0] (id \"r1\"): value.choices: 2 choices given; Choices \"sentiment\" is single-choice",
            SingleError(Region("sentiment", "text", "choices", """{"choices": ["Positive", "Negative"]}""")));
        Assert.Equal("result[0] (id \"r1\"): value.choices: choice \"Meh\" is not in Choices \"sentiment\"",
            SingleError(Region("sentiment", "text", "choices", """{"choices": ["Meh"]}""")));
        Assert.Equal("result[0] (id \"r1\"): value.choices: choice \"a\" is given twice",
            SingleError(Region("tags", "text", "choices", """{"choices": ["a", "a"]}""")));
        Assert.Equal("result[0] (id \"r1\"): value.choices: must be an array of strings, not \"Positive\"",
            SingleError(Region("sentiment", "text", "choices", """{"choices": "Positive"}""")));
    }

    [Theory]
    [InlineData("1", null)]
    [InlineData("5", null)]
    [InlineData("0", "value.rating: 0 is not a whole number from 1 to 5")]
    [InlineData("6", "value.rating: 6 is not a whole number from 1 to 5")]
    [InlineData("2.5", "value.rating: 2.5 is not a whole number from 1 to 5")]
    public void Validate_Rating_IsWithinOneToMaxRating(string rating, string? expected)
    {
        var errors = Validate("[" + Region("rating", "text", "rating", $$"""{"rating": {{rating}}}""") + "]");

        Assert.Equal(expected is null ? [] : ["result[0] (id \"r1\"): " + expected], errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("10", null)]
    [InlineData("-1", "value.number: -1 is below the minimum 0")]
    [InlineData("11", "value.number: 11 is above the maximum 10")]
    public void Validate_Number_IsWithinMinAndMax(string number, string? expected)
    {
        var errors = Validate("[" + Region("score", "text", "number", $$"""{"number": {{number}}}""") + "]");

        Assert.Equal(expected is null ? [] : ["result[0] (id \"r1\"): " + expected], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Validate_TextArea_TakesStrings()
    {
        AssertValid(Region("answer", "text", "textarea", """{"text": ["a rewrite"]}"""));
        Assert.Equal("result[0] (id \"r1\"): value.text: must contain only strings, not 3",
            SingleError(Region("answer", "text", "textarea", """{"text": [3]}""")));
    }

    [Fact]
    public void Validate_Taxonomy_FollowsTheTree()
    {
        AssertValid(Region("tax", "text", "taxonomy", """{"taxonomy": [["Animal"], ["Animal", "Dog"]]}"""));
        Assert.Equal("result[0] (id \"r1\"): value.taxonomy[0]: \"Animal / Cat\" is not in Taxonomy \"tax\"",
            SingleError(Region("tax", "text", "taxonomy", """{"taxonomy": [["Animal", "Cat"]]}""")));
    }

    [Fact]
    public void Validate_Pairwise_AcceptsEitherTargetOrBoth()
    {
        AssertValid(
            Region("pw", "a", "pairwise", """{"selected": "left"}"""),
            Region("pw", "a,b", "pairwise", """{"selected": "right"}""", id: "r2"));
        Assert.Equal("result[0] (id \"r1\"): value.selected: \"middle\" is not \"left\" or \"right\"",
            SingleError(Region("pw", "a", "pairwise", """{"selected": "middle"}""")));
    }

    [Fact]
    public void Validate_Ranker_ChecksBucketsAndItems()
    {
        AssertValid(Region("rank", "items", "ranker", """{"ranker": {"good": ["2", "1"], "bad": ["3"]}}"""));
        Assert.Equal("result[0] (id \"r1\"): value.ranker.ugly: \"ugly\" is not a bucket of Ranker \"rank\"",
            SingleError(Region("rank", "items", "ranker", """{"ranker": {"ugly": ["1"]}}""")));
        Assert.Equal("result[0] (id \"r1\"): value.ranker.bad: item \"1\" is ranked twice",
            SingleError(Region("rank", "items", "ranker", """{"ranker": {"good": ["1"], "bad": ["1"]}}""")));
        Assert.Equal("result[0] (id \"r1\"): value.ranker.good: item \"9\" is not in the task's \"items\" list",
            SingleError(Region("rank", "items", "ranker", """{"ranker": {"good": ["9"]}}""")));
    }

    [Fact]
    public void Validate_Relation_ReferencesRegionsOfTheSameResult()
    {
        var span = Region("ner", "text", "labels", """{"start": 6, "end": 11, "labels": ["PER"]}""", id: "p");
        var org = Region("ner", "text", "labels", """{"start": 21, "end": 25, "labels": ["ORG"]}""", id: "o");

        AssertValid(span, org, """{"from_id": "p", "to_id": "o", "type": "relation", "direction": "right", "labels": ["knows"]}""");
        Assert.Equal("result[2]: to_id: no region of this result has id \"x\"",
            SingleError(span, org, """{"from_id": "p", "to_id": "x", "type": "relation", "direction": "right"}"""));
        Assert.Equal("result[2]: labels: relation \"hates\" is not in Relations",
            SingleError(span, org, """{"from_id": "p", "to_id": "o", "type": "relation", "labels": ["hates"]}"""));
        Assert.Equal("result[2]: direction: \"up\" is not \"left\", \"right\" or \"bi\"",
            SingleError(span, org, """{"from_id": "p", "to_id": "o", "type": "relation", "direction": "up"}"""));
    }

    [Fact]
    public void Validate_SeveralBadRegions_ReportsEach()
    {
        var errors = Validate("[" + Region("nope", "image", "rectanglelabels", Box, id: "a") + ","
            + Region("label", "image", "rectanglelabels", Box, id: "b") + ","
            + Region("rating", "text", "rating", """{"rating": 9}""", id: "c") + "]");

        Assert.Equal([(0, "a"), (2, "c")], errors.Select(e => (e.Index, e.RegionId)));
    }
}
