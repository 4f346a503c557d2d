using System.Globalization;
using System.IO.Compression;
using System.Text;
using Groundwork.Formats.Export;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Export;

public sealed class YoloExportWriterTests
{
    internal static Dictionary<string, string> ReadZip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }

    [Fact]
    public async Task Write_ConverterFixture_MatchesLabelStudioConverterValues()
    {
        var writer = new YoloExportWriter(ExportTestKit.Config(TemplateConfigs.ConverterYoloFixture), ExportTestKit.Options);

        var files = ReadZip(await ExportTestKit.RunAsync(writer, ConverterYoloFixture.Tasks()));

        Assert.Equal(["classes.txt", "labels/image1.txt", "labels/image2.txt", "notes.json"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("parasites\nwhite\n", files["classes.txt"]);
        var lines = files["labels/image1.txt"].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal(2, files["labels/image2.txt"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(["0", "1", "0", "1"], lines.Select(l => l.Split(' ')[0]));
        for (var i = 0; i < ConverterYoloFixture.ExpectedYolo.Length; i++)
        {
            var values = lines[i].Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(ConverterYoloFixture.ExpectedYolo[i], values, (a, b) => Math.Abs(a - b) < 1e-12);
        }

        Assert.Equal("0 0.39253187613843354 0.7304189435336975 0.04189435336976321 0.04735883424408015", lines[0]);
        Assert.Equal(
            """{"categories":[{"id":0,"name":"parasites"},{"id":1,"name":"white"}],"info":{"year":2026,"version":"1.0","contributor":"Groundwork"}}""",
            files["notes.json"]);
    }

    [Fact]
    public async Task Write_PolygonAndSameImageTwice_UsesSegmentationLinesAndDistinctNames()
    {
        var config = ExportTestKit.Config("""
            <View><Image name="img" value="$url"/>
            <PolygonLabels name="poly" toName="img"><Label value="Road"/></PolygonLabels>
            <KeyPointLabels name="kp" toName="img"><Label value="Nose"/></KeyPointLabels></View>
            """);
        const string result = """
            [{"id": "p", "from_name": "poly", "to_name": "img", "type": "polygonlabels",
              "value": {"points": [[10, 20], [50, 20], [30, 60]], "polygonlabels": ["Road"]}},
             {"id": "k", "from_name": "kp", "to_name": "img", "type": "keypointlabels",
              "value": {"x": 5, "y": 5, "width": 1, "keypointlabels": ["Nose"]}}]
            """;
        var writer = new YoloExportWriter(config, ExportTestKit.Options);

        var files = ReadZip(await ExportTestKit.RunAsync(writer,
            ExportTestKit.Task(7, """{"url": "https://cdn.example.com/a/road%201.png?sig=x"}""", ExportTestKit.Annotation(1, 1, result)),
            ExportTestKit.Task(8, """{"url": "/data/local-files/?d=other/road%201.png"}""", ExportTestKit.Annotation(2, 1, result)),
            ExportTestKit.Task(9, """{"url": "/data/upload/unlabeled.png"}""")));

        Assert.Equal("1 0.1 0.2 0.5 0.2 0.3 0.6\n", files["labels/road 1.txt"]);
        Assert.Equal("1 0.1 0.2 0.5 0.2 0.3 0.6\n", files["labels/road 1_8.txt"]);
        Assert.Equal("Nose\nRoad\n", files["classes.txt"]);
        Assert.DoesNotContain("labels/unlabeled.txt", files.Keys);
    }
}
