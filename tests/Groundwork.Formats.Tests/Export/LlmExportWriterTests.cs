using Groundwork.Formats.Export;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Export;

/// <summary>CoNLL 2003, SFT JSONL and preference JSONL: exact output on small inputs.</summary>
public sealed class LlmExportWriterTests
{
    [Fact]
    public async Task Conll_TokenizesKeepingOffsetsAndTagsIob2()
    {
        var writer = new Conll2003ExportWriter(ExportTestKit.Config(TemplateConfigs.NamedEntities), ExportTestKit.Options);
        // "Hi 😀 " puts "Anna" at UTF-16 offset 6, as Label Studio counts.
        const string result = """
            [{"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 6, "end": 16, "text": "Anna Smith", "labels": ["PER"]}},
             {"id": "b", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 24, "end": 33, "text": "Acme Inc.", "labels": ["ORG"]}}]
            """;

        var conll = await ExportTestKit.RunToTextAsync(writer,
            ExportTestKit.Task(1, """{"text": "Hi 😀 Anna Smith joined Acme Inc. today!"}""", ExportTestKit.Annotation(1, 1, result)),
            ExportTestKit.Task(2, """{"text": "Nothing here"}""", ExportTestKit.Annotation(2, 1, "[]")));

        Assert.Equal("""
            -DOCSTART- -X- O

            Hi -X- _ O
            😀 -X- _ O
            Anna -X- _ B-PER
            Smith -X- _ I-PER
            joined -X- _ O
            Acme -X- _ B-ORG
            Inc -X- _ I-ORG
            . -X- _ I-ORG
            today -X- _ O
            ! -X- _ O

            Nothing -X- _ O
            here -X- _ O


            """.Replace("\r\n", "\n", StringComparison.Ordinal), conll);
    }

    [Fact]
    public async Task Conll_AdjacentSpansOfOneLabel_EachStartWithB()
    {
        var writer = new Conll2003ExportWriter(ExportTestKit.Config(TemplateConfigs.NamedEntities), ExportTestKit.Options);
        const string result = """
            [{"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "labels": ["PER"]}},
             {"id": "b", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 4, "end": 7, "labels": ["PER"]}}]
            """;

        var conll = await ExportTestKit.RunToTextAsync(writer, ExportTestKit.Task(1, """{"text": "Ann Bob"}""", ExportTestKit.Annotation(1, 1, result)));

        Assert.EndsWith("Ann -X- _ B-PER\nBob -X- _ B-PER\n\n", conll, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sft_WritesPromptAndEachAnswer()
    {
        var config = ExportTestKit.Config("""
            <View><Text name="prompt" value="$prompt"/><TextArea name="response" toName="prompt"/><Rating name="r" toName="prompt"/></View>
            """);
        var writer = new SftJsonlExportWriter(config, ExportTestKit.Options);
        const string answer = """[{"id": "t", "from_name": "response", "to_name": "prompt", "type": "textarea", "value": {"text": ["Paris.", "It is Paris."]}}]""";
        const string rating = """[{"id": "x", "from_name": "r", "to_name": "prompt", "type": "rating", "value": {"rating": 3}}]""";

        var jsonl = await ExportTestKit.RunToTextAsync(writer,
            ExportTestKit.Task(3, """{"prompt": "Capital of \"France\"?"}""", ExportTestKit.Annotation(30, 1, answer), ExportTestKit.Annotation(31, 2, rating)));

        Assert.Equal(
            """{"prompt":"Capital of \"France\"?","response":"Paris.","task_id":3,"annotation_id":30}""" + "\n"
            + """{"prompt":"Capital of \"France\"?","response":"It is Paris.","task_id":3,"annotation_id":30}""" + "\n",
            jsonl);
    }

    [Fact]
    public async Task Preference_FromPairwise_ChosenIsTheSelectedSide()
    {
        var config = ExportTestKit.Config("""
            <View><Text name="prompt" value="$prompt"/><Text name="a" value="$answer_a"/><Text name="b" value="$answer_b"/>
            <Pairwise name="pw" toName="a,b"/></View>
            """);
        var writer = new PreferenceJsonlExportWriter(config, ExportTestKit.Options);
        const string data = """{"prompt": "2+2?", "answer_a": "4", "answer_b": "5"}""";

        var jsonl = await ExportTestKit.RunToTextAsync(writer,
            ExportTestKit.Task(1, data,
                ExportTestKit.Annotation(1, 1, """[{"id": "p", "from_name": "pw", "to_name": "a", "type": "pairwise", "value": {"selected": "left"}}]"""),
                ExportTestKit.Annotation(2, 2, """[{"id": "p", "from_name": "pw", "to_name": "a,b", "type": "pairwise", "value": {"selected": "right"}}]""")));

        Assert.Equal(
            """{"prompt":"2+2?","chosen":"4","rejected":"5","task_id":1,"annotation_id":1}""" + "\n"
            + """{"prompt":"2+2?","chosen":"5","rejected":"4","task_id":1,"annotation_id":2}""" + "\n",
            jsonl);
    }

    [Fact]
    public async Task Preference_FromRankerBuckets_EveryBetterWorsePair()
    {
        var writer = new PreferenceJsonlExportWriter(ExportTestKit.Config(TemplateConfigs.Ranker), ExportTestKit.Options);
        const string data = """
            {"query": "best pizza", "items": [{"id": "1", "title": "A", "body": "Pizza A"}, {"id": "2", "title": "B"}, {"id": "3", "body": "Pizza C"}]}
            """;
        const string ranking = """[{"id": "r", "from_name": "rank", "to_name": "results", "type": "ranker", "value": {"ranker": {"biased": ["2"], "relevant": ["3", "1"]}}}]""";

        var jsonl = await ExportTestKit.RunToTextAsync(writer, ExportTestKit.Task(4, data, ExportTestKit.Annotation(9, 1, ranking)));

        Assert.Equal(
            """{"prompt":"best pizza","chosen":"Pizza C","rejected":"Pizza A","task_id":4,"annotation_id":9}""" + "\n"
            + """{"prompt":"best pizza","chosen":"Pizza C","rejected":"B","task_id":4,"annotation_id":9}""" + "\n"
            + """{"prompt":"best pizza","chosen":"Pizza A","rejected":"B","task_id":4,"annotation_id":9}""" + "\n",
            jsonl);
    }

    [Fact]
    public void Writers_WithoutTheControlsTheyNeed_SayWhat()
    {
        var config = ExportTestKit.Config(TemplateConfigs.Rating);

        Assert.Contains("<TextArea>", Assert.Throws<ArgumentException>(() => new SftJsonlExportWriter(config)).Message, StringComparison.Ordinal);
        Assert.Contains("<Pairwise>", Assert.Throws<ArgumentException>(() => new PreferenceJsonlExportWriter(config)).Message, StringComparison.Ordinal);
        Assert.Contains("<Labels>", Assert.Throws<ArgumentException>(() => new Conll2003ExportWriter(config)).Message, StringComparison.Ordinal);
        Assert.Contains("<Image>", Assert.Throws<ArgumentException>(() => new CocoExportWriter(config)).Message, StringComparison.Ordinal);
    }
}
