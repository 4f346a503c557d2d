using Groundwork.Core.Export;
using Groundwork.Formats.Export;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Export;

/// <summary>Every writer writes as it goes (at least once per task), with async writes only, to a forward-only stream.</summary>
public sealed class StreamingTests
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Dog"/></RectangleLabels>
          <Text name="text" value="$text"/>
          <Labels name="ner" toName="text"><Label value="PER"/></Labels>
          <TextArea name="answer" toName="text"/>
          <Text name="a" value="$a"/>
          <Text name="b" value="$b"/>
          <Pairwise name="pw" toName="a,b"/>
        </View>
        """;

    private const string Result = """
        [{"id": "1", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "original_width": 640, "original_height": 480,
          "value": {"x": 10, "y": 10, "width": 20, "height": 20, "rectanglelabels": ["Dog"]}},
         {"id": "2", "from_name": "ner", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "labels": ["PER"]}},
         {"id": "3", "from_name": "answer", "to_name": "text", "type": "textarea", "value": {"text": ["an answer"]}},
         {"id": "4", "from_name": "pw", "to_name": "a,b", "type": "pairwise", "value": {"selected": "left"}}]
        """;

    public static TheoryData<string> Formats() => ["CSV", "JSON_MIN", "COCO", "YOLO", "VOC", "CONLL2003", "SFT_JSONL", "PREFERENCE_JSONL"];

    private static IExportWriter Create(string format)
    {
        var config = ExportTestKit.Config(Config);
        var options = ExportTestKit.Options;
        return format switch
        {
            "CSV" => new CsvExportWriter(config, options),
            "JSON_MIN" => new JsonMinExportWriter(config, options),
            "COCO" => new CocoExportWriter(config, options),
            "YOLO" => new YoloExportWriter(config, options),
            "VOC" => new PascalVocExportWriter(config, options),
            "CONLL2003" => new Conll2003ExportWriter(config, options),
            "SFT_JSONL" => new SftJsonlExportWriter(config, options),
            "PREFERENCE_JSONL" => new PreferenceJsonlExportWriter(config, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Write_ManyTasks_WritesAsItGoes(string format)
    {
        var writer = Create(format);
        using var stream = new AsyncOnlyStream();
        const int tasks = 500;

        await writer.WriteStartAsync(stream, CancellationToken.None);
        for (var i = 0; i < tasks; i++)
        {
            var task = ExportTestKit.Task(i, $$"""{"image": "img{{i}}.jpg", "text": "Ann met Bob", "a": "yes", "b": "no"}""", ExportTestKit.Annotation(i, 1, Result));
            await writer.WriteTaskAsync(task, CancellationToken.None);
            Assert.True(stream.WriteCalls >= i, $"{format}: {stream.WriteCalls} writes after {i + 1} tasks");
        }

        await writer.WriteEndAsync(CancellationToken.None);

        Assert.Equal(format, writer.FormatName);
        Assert.StartsWith(".", writer.FileExtension, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(writer.ContentType));
        Assert.True(stream.ToArray().Length > tasks);
    }

    [Fact]
    public async Task Write_BeforeStart_Throws()
    {
        var writer = Create("CSV");

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await writer.WriteTaskAsync(ExportTestKit.Task(1, "{}"), CancellationToken.None));
    }
}
