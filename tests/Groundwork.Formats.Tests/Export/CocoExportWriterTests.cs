using System.Text.Json;
using Groundwork.Formats.Export;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Export;

public sealed class CocoExportWriterTests
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Dog"/><Label value="Cat"/></RectangleLabels>
          <PolygonLabels name="poly" toName="image"><Label value="Road"/></PolygonLabels>
          <KeyPointLabels name="kp" toName="image"><Label value="Nose"/></KeyPointLabels>
        </View>
        """;

    private const string Result = """
        [{"id": "b", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "original_width": 200, "original_height": 100,
          "value": {"x": 10, "y": 20, "width": 25, "height": 50, "rotation": 0, "rectanglelabels": ["Dog"]}},
         {"id": "p", "from_name": "poly", "to_name": "image", "type": "polygonlabels", "original_width": 200, "original_height": 100,
          "value": {"points": [[0, 0], [50, 0], [50, 50]], "polygonlabels": ["Road"]}},
         {"id": "k", "from_name": "kp", "to_name": "image", "type": "keypointlabels", "original_width": 200, "original_height": 100,
          "value": {"x": 50, "y": 50, "width": 1, "keypointlabels": ["Nose"]}}]
        """;

    [Fact]
    public async Task Write_SmallInput_IsExactCoco()
    {
        var writer = new CocoExportWriter(ExportTestKit.Config(Config), ExportTestKit.Options);

        var text = await ExportTestKit.RunToTextAsync(writer,
            ExportTestKit.Task(41, """{"image": "https://example.com/photos/dog.jpg"}""", ExportTestKit.Annotation(1, 1, Result)),
            ExportTestKit.Task(42, """{"image": "https://example.com/photos/none.jpg"}"""));

        Assert.Equal(
            """{"info":{"year":2026,"version":"1.0","description":"","contributor":"Groundwork","url":"","date_created":"2026-01-02T03:04:05+00:00"},"""
            + "\"categories\":[{\"id\":0,\"name\":\"Cat\"},{\"id\":1,\"name\":\"Dog\"},{\"id\":2,\"name\":\"Nose\"},{\"id\":3,\"name\":\"Road\"}],\"annotations\":["
            + """{"id":0,"image_id":0,"category_id":1,"segmentation":[],"bbox":[20,20,50,50],"area":2500,"iscrowd":0,"ignore":0},"""
            + """{"id":1,"image_id":0,"category_id":3,"segmentation":[[0,0,100,0,100,50]],"bbox":[0,0,100,50],"area":2500,"iscrowd":0,"ignore":0},"""
            + """{"id":2,"image_id":0,"category_id":2,"segmentation":[],"bbox":[100,50,0,0],"area":0,"iscrowd":0,"ignore":0,"keypoints":[100,50,2],"num_keypoints":1}"""
            + """],"images":[{"id":0,"file_name":"dog.jpg","width":200,"height":100}]}""" + "\n",
            text);
    }

    [Fact]
    public async Task Write_ConverterFixture_IsWhatCocoReadersExpect()
    {
        var writer = new CocoExportWriter(ExportTestKit.Config(TemplateConfigs.ConverterYoloFixture), ExportTestKit.Options);

        using var coco = JsonDocument.Parse(await ExportTestKit.RunAsync(writer, ConverterYoloFixture.Tasks()));
        var root = coco.RootElement;

        var images = root.GetProperty("images").EnumerateArray().ToArray();
        var annotations = root.GetProperty("annotations").EnumerateArray().ToArray();
        var categories = root.GetProperty("categories").EnumerateArray().ToArray();
        Assert.Equal([0, 1], images.Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal(["image1", "image2"], images.Select(i => i.GetProperty("file_name").GetString()));
        Assert.All(images, i => Assert.Equal((2800, 2800), (i.GetProperty("width").GetInt32(), i.GetProperty("height").GetInt32())));
        Assert.Equal([(0, "parasites"), (1, "white")], categories.Select(c => (c.GetProperty("id").GetInt32(), c.GetProperty("name").GetString())));
        Assert.Equal(Enumerable.Range(0, 6), annotations.Select(a => a.GetProperty("id").GetInt32()));
        Assert.Equal([0, 0, 0, 0, 1, 1], annotations.Select(a => a.GetProperty("image_id").GetInt32()));
        Assert.Equal([0, 1, 0, 1, 1, 1], annotations.Select(a => a.GetProperty("category_id").GetInt32()));
        foreach (var annotation in annotations)
        {
            var bbox = annotation.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(4, bbox.Length);
            Assert.True(bbox[0] >= 0 && bbox[1] >= 0 && bbox[0] + bbox[2] <= 2800 && bbox[1] + bbox[3] <= 2800);
            Assert.Equal(bbox[2] * bbox[3], annotation.GetProperty("area").GetDouble(), 1);
            Assert.Equal(0, annotation.GetProperty("iscrowd").GetInt32());
        }

        // 37.15846994535519 % of 2800 px = 1040.44 px; the converter truncates to 1040.
        Assert.Equal([1040.44, 1978.87, 117.3, 132.6], annotations[0].GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task Write_TaskWithoutImageSize_IsSkippedAndCounted()
    {
        var writer = new CocoExportWriter(ExportTestKit.Config(Config), ExportTestKit.Options);
        const string noSize = """[{"id": "b", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "value": {"x": 1, "y": 1, "width": 1, "height": 1, "rectanglelabels": ["Dog"]}}]""";

        using var coco = JsonDocument.Parse(await ExportTestKit.RunAsync(writer,
            ExportTestKit.Task(1, """{"image": "a.jpg"}""", ExportTestKit.Annotation(1, 1, noSize))));

        Assert.Equal(1, writer.SkippedTasks);
        Assert.Equal(0, coco.RootElement.GetProperty("images").GetArrayLength());
        Assert.Equal(0, coco.RootElement.GetProperty("annotations").GetArrayLength());
    }

    [Fact]
    public async Task Write_RotatedBox_GetsItsAxisAlignedBounds()
    {
        const string rotated = """
            [{"id": "b", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "original_width": 100, "original_height": 100,
              "value": {"x": 50, "y": 10, "width": 20, "height": 10, "rotation": 90, "rectanglelabels": ["Cat"]}}]
            """;
        var writer = new CocoExportWriter(ExportTestKit.Config(Config), ExportTestKit.Options);

        using var coco = JsonDocument.Parse(await ExportTestKit.RunAsync(writer,
            ExportTestKit.Task(1, """{"image": "a.jpg"}""", ExportTestKit.Annotation(1, 1, rotated))));

        // Rotating 90° clockwise about the top-left corner (50, 10) swings the 20 x 10 box down and left.
        Assert.Equal([40, 10, 10, 20], coco.RootElement.GetProperty("annotations")[0].GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
    }
}
