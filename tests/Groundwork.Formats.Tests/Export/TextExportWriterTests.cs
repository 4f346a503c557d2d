using Groundwork.Formats.Export;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Export;

/// <summary>CSV and JSON_MIN: exact output on small inputs.</summary>
public sealed class TextExportWriterTests
{
    private const string Config = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
          <Labels name="ner" toName="text"><Label value="PER"/></Labels>
        </View>
        """;

    private const string Positive = """[{"id": "c1", "from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Positive"]}}]""";

    private const string NegativeWithSpan = """
        [{"id": "c2", "from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Negative"]}},
         {"id": "s1", "from_name": "ner", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ann", "labels": ["PER"]}}]
        """;

    [Fact]
    public async Task Csv_SmallInput_IsExact()
    {
        var writer = new CsvExportWriter(ExportTestKit.Config(Config), ExportTestKit.Options, ["text", "meta"]);

        var csv = await ExportTestKit.RunToTextAsync(writer,
            ExportTestKit.Task(1, """{"text": "Ann said \"hi\", twice", "meta": {"n": 1}}""", ExportTestKit.Annotation(10, 7, Positive)),
            ExportTestKit.Task(2, """{"text": "plain", "meta": 3}""",
                ExportTestKit.Annotation(11, 7, Positive), ExportTestKit.Annotation(12, 8, NegativeWithSpan)),
            ExportTestKit.Task(3, """{"text": "not labeled yet"}"""));

        Assert.Equal(
            "id,text,meta,sentiment,ner,annotations\r\n"
            + "1,\"Ann said \"\"hi\"\", twice\",\"{\"\"n\"\":1}\",Positive,,"
            + "\"[{\"\"id\"\":10,\"\"completed_by\"\":7,\"\"result\"\":[{\"\"id\"\":\"\"c1\"\",\"\"from_name\"\":\"\"sentiment\"\",\"\"to_name\"\":\"\"text\"\",\"\"type\"\":\"\"choices\"\",\"\"value\"\":{\"\"choices\"\":[\"\"Positive\"\"]}}]}]\"\r\n"
            + "2,plain,3,\"[\"\"Positive\"\",\"\"Negative\"\"]\",\"[null,[{\"\"start\"\":0,\"\"end\"\":3,\"\"text\"\":\"\"Ann\"\",\"\"labels\"\":[\"\"PER\"\"]}]]\","
            + "\"[{\"\"id\"\":11,\"\"completed_by\"\":7,\"\"result\"\":[{\"\"id\"\":\"\"c1\"\",\"\"from_name\"\":\"\"sentiment\"\",\"\"to_name\"\":\"\"text\"\",\"\"type\"\":\"\"choices\"\",\"\"value\"\":{\"\"choices\"\":[\"\"Positive\"\"]}}]},"
            + "{\"\"id\"\":12,\"\"completed_by\"\":8,\"\"result\"\":[{\"\"id\"\":\"\"c2\"\",\"\"from_name\"\":\"\"sentiment\"\",\"\"to_name\"\":\"\"text\"\",\"\"type\"\":\"\"choices\"\",\"\"value\"\":{\"\"choices\"\":[\"\"Negative\"\"]}},"
            + "{\"\"id\"\":\"\"s1\"\",\"\"from_name\"\":\"\"ner\"\",\"\"to_name\"\":\"\"text\"\",\"\"type\"\":\"\"labels\"\",\"\"value\"\":{\"\"start\"\":0,\"\"end\"\":3,\"\"text\"\":\"\"Ann\"\",\"\"labels\"\":[\"\"PER\"\"]}}]}]\"\r\n",
            csv);
    }

    [Fact]
    public async Task JsonMin_SmallInput_IsExactLabelStudioShape()
    {
        var writer = new JsonMinExportWriter(ExportTestKit.Config(Config), ExportTestKit.Options);

        var json = await ExportTestKit.RunToTextAsync(writer,
            ExportTestKit.Task(5, """{"text": "Ann é 😀", "id": "data-id", "sentiment": "kept: not answered"}""", ExportTestKit.Annotation(12, 8, NegativeWithSpan)),
            ExportTestKit.Task(6, """{"text": "x", "sentiment": "overridden"}""", ExportTestKit.Annotation(13, 9, Positive, leadTime: null)),
            ExportTestKit.Task(7, """{"text": "unlabeled"}"""));

        Assert.Equal(
            "[\n"
            // System.Text.Json escapes characters outside the BMP even with the relaxed encoder; still valid JSON.
            + """{"text":"Ann é \uD83D\uDE00","id":5,"sentiment":"Negative","ner":[{"start":0,"end":3,"text":"Ann","labels":["PER"]}],"annotator":8,"annotation_id":12,"created_at":"2026-01-02T03:04:05+00:00","updated_at":"2026-01-02T03:05:05+00:00","lead_time":1.5}"""
            + ",\n"
            + """{"text":"x","id":6,"sentiment":"Positive","annotator":9,"annotation_id":13,"created_at":"2026-01-02T03:04:05+00:00","updated_at":"2026-01-02T03:05:05+00:00","lead_time":null}"""
            + "\n]\n",
            json);
    }

    [Fact]
    public async Task JsonMin_NoTasks_IsAnEmptyArray()
    {
        Assert.Equal("[]\n", await ExportTestKit.RunToTextAsync(new JsonMinExportWriter(ExportTestKit.Config(Config), ExportTestKit.Options)));
    }

    [Fact]
    public async Task JsonMin_Consensus_ReplacesAnnotations()
    {
        var options = ExportTestKit.Options with { Consensus = task => task.Id == 5 ? Positive : null };
        var writer = new JsonMinExportWriter(ExportTestKit.Config(Config), options);

        var json = await ExportTestKit.RunToTextAsync(writer,
            ExportTestKit.Task(5, """{"text": "a"}""", ExportTestKit.Annotation(1, 1, NegativeWithSpan), ExportTestKit.Annotation(2, 2, NegativeWithSpan)),
            ExportTestKit.Task(6, """{"text": "b"}""", ExportTestKit.Annotation(3, 1, NegativeWithSpan)));

        Assert.Equal(
            "[\n" + """{"text":"a","id":5,"sentiment":"Positive"}""" + ",\n"
            + """{"text":"b","id":6,"sentiment":"Negative","ner":[{"start":0,"end":3,"text":"Ann","labels":["PER"]}],"annotator":1,"annotation_id":3,"created_at":"2026-01-02T03:04:05+00:00","updated_at":"2026-01-02T03:05:05+00:00","lead_time":1.5}"""
            + "\n]\n",
            json);
    }

    [Fact]
    public async Task ConsensusOnly_SkipsTasksWithoutConsensus()
    {
        var options = ExportTestKit.Options with { Consensus = task => task.Id == 5 ? Positive : null, ConsensusOnly = true };
        var writer = new CsvExportWriter(ExportTestKit.Config(Config), options);

        var csv = await ExportTestKit.RunToTextAsync(writer,
            ExportTestKit.Task(5, """{"text": "a"}""", ExportTestKit.Annotation(1, 1, NegativeWithSpan)),
            ExportTestKit.Task(6, """{"text": "b"}""", ExportTestKit.Annotation(3, 1, NegativeWithSpan)));

        Assert.Equal(
            "id,text,sentiment,ner,annotations\r\n"
            + "5,a,Positive,,\"[{\"\"result\"\":[{\"\"id\"\":\"\"c1\"\",\"\"from_name\"\":\"\"sentiment\"\",\"\"to_name\"\":\"\"text\"\",\"\"type\"\":\"\"choices\"\",\"\"value\"\":{\"\"choices\"\":[\"\"Positive\"\"]}}]}]\"\r\n",
            csv);
    }
}
