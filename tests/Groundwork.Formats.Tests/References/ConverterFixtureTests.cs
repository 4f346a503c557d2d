using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.Formats.Export;
using Groundwork.Formats.Tests.Export;

namespace Groundwork.Formats.Tests.References;

/// <summary>
/// label-studio-converter's own test inputs (Fixtures/LabelStudioConverter, copied with their source noted in its
/// README) converted by Groundwork's writers and compared with what the converter's tests expect of them. Where the
/// formats allow a difference (ids, order, one file per labeler) the test says which and why.
/// </summary>
public sealed class ConverterFixtureTests
{
    [Fact]
    public async Task Yolo_Boxes_HaveTheConvertersLinesPerImage()
    {
        var writer = new YoloExportWriter(ExportTestKit.Config(ConverterFixtures.Text("test_export_yolo/label_config.xml")), ExportTestKit.Options);
        var files = YoloExportWriterTests.ReadZip(await ExportTestKit.RunAsync(writer, ConverterFixtures.Tasks("test_export_yolo/data.json")));

        // The converter (split_labelers=True) writes labels/<labeler>/<image>.txt: labeler 1 has image1 and image2,
        // labeler 2 has image1, each with 2 lines. Groundwork writes one file per image holding every annotation's
        // regions (export a consensus for one answer per image), so image1 carries both labelers' 2 + 2 lines.
        // The choices region of the first annotation is not a box and is left out, as the converter leaves it out.
        Assert.Equal(4, Lines(files["labels/image1.txt"]).Length);
        Assert.Equal(2, Lines(files["labels/image2.txt"]).Length);
        Assert.All(Lines(files["labels/image1.txt"]).Concat(Lines(files["labels/image2.txt"])), line => Assert.Equal(5, line.Split(' ').Length));

        // test_convert_annotation_to_yolo_format's expected numbers for the first three boxes of the fixture.
        var boxes = Lines(files["labels/image1.txt"]).Select(l => l.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        for (var i = 0; i < ConverterYoloFixture.ExpectedYolo.Length; i++)
        {
            Assert.Contains(boxes, b => b.Zip(ConverterYoloFixture.ExpectedYolo[i]).All(p => Math.Abs(p.First - p.Second) < 1e-12));
        }
    }

    [Fact]
    public async Task Yolo_Polygons_OnlyImage2_OneLineOfTheConvertersCoordinates()
    {
        var writer = new YoloExportWriter(ExportTestKit.Config(ConverterFixtures.Text("test_export_yolo/label_config_polygons.xml")), ExportTestKit.Options);
        var tasks = ConverterFixtures.Tasks("test_export_yolo/data_polygons.json");
        var files = YoloExportWriterTests.ReadZip(await ExportTestKit.RunAsync(writer, tasks));

        // test_convert_polygons_to_yolo: exactly one label file, image2.txt, with one line.
        Assert.Equal(["labels/image2.txt"], files.Keys.Where(k => k.StartsWith("labels/", StringComparison.Ordinal)));
        var line = Assert.Single(Lines(files["labels/image2.txt"]));
        var values = line.Split(' ');

        // The converter writes "class x1 y1 x2 y2 ..." with each point as (x / 100, y / 100) (converter.py, YOLO
        // polygons); Airplane is class 0 of the sorted labels Airplane, Car.
        var points = JsonNode.Parse(tasks[0].Annotations[0].ResultJson)![0]!["value"]!["points"]!.AsArray();
        Assert.Equal("0", values[0]);
        Assert.Equal(1 + (points.Count * 2), values.Length);
        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(points[i]![0]!.GetValue<double>() / 100, double.Parse(values[1 + (2 * i)], CultureInfo.InvariantCulture));
            Assert.Equal(points[i]![1]!.GetValue<double>() / 100, double.Parse(values[2 + (2 * i)], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Csv_ComplexFields_MatchTheConvertersTsvFieldByField()
    {
        // The converter's run has no labeling config (Converter({}, ...)), so its CSV holds the task data, the
        // annotation's metadata and no control column; Groundwork's takes the data keys it is given.
        var expected = ReadTsv(ConverterFixtures.Text("test_export_csv/csv_test2_result.csv"));
        string[] dataKeys = ["_row_id", "alternative_titles", "alternative_titles_1", "iswcs", "iswcs_1", "provider", "provider_1", "title", "title_1", "uri", "uri_1", "writers", "writers_1"];
        var config = ExportTestKit.Config("""<View><Text name="uri" value="$uri"/><Choices name="uri_selection" toName="uri"><Choice value="x"/></Choices></View>""");
        var writer = new CsvExportWriter(config, ExportTestKit.Options, dataKeys);
        var csv = Encoding.UTF8.GetString(await ExportTestKit.RunAsync(writer, ConverterFixtures.Tasks("test_export_csv/csv_test2.json")));
        var rows = ReadCsv(csv);

        Assert.Single(expected.Rows);
        Assert.Single(rows.Rows);
        var theirs = expected.Rows[0];
        var ours = rows.Rows[0];
        foreach (var key in dataKeys)
        {
            var want = theirs[Array.IndexOf(expected.Header, key)];
            var got = ours[Array.IndexOf(rows.Header, key)];

            // Both write a null as an empty field.
            // Lists and objects are JSON on both sides; compared as JSON, not as text.
            if (want.StartsWith('[') || want.StartsWith('{'))
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(want), JsonNode.Parse(got)), $"{key}: {got} is not {want}");
            }
            else
            {
                Assert.Equal(want, got);
            }
        }

        // Task id and annotation id: the converter's "id" and "annotation_id" columns, Groundwork's "id" and the ids in "annotations".
        Assert.Equal(theirs[Array.IndexOf(expected.Header, "id")], ours[Array.IndexOf(rows.Header, "id")]);
        var annotation = JsonNode.Parse(ours[Array.IndexOf(rows.Header, "annotations")])!.AsArray().Single()!;
        Assert.Equal(theirs[Array.IndexOf(expected.Header, "annotation_id")], annotation["id"]!.ToJsonString());

        // Tolerated: the converter's to_name is "$uri", not an object of a config, so its choice is dropped from its CSV; it
        // also adds annotator (email), created_at, updated_at, lead_time and agreement columns, which Groundwork's CSV does
        // not have (JSON_MIN carries them). The choice itself is in Groundwork's uri_selection column.
    }

    [Fact]
    public async Task JsonMin_Polygon_IsOneRecordWithTheLabelKey()
    {
        var writer = new JsonMinExportWriter(ExportTestKit.Config(ConverterFixtures.Text("test_export_json_min/label_config.xml")), ExportTestKit.Options);
        var records = JsonNode.Parse(await ExportTestKit.RunToTextAsync(writer, ConverterFixtures.Tasks("test_export_json_min/data.json")))!.AsArray();

        // test_simple_json_min: one record, with a "label" key; the record also carries the converter's other keys.
        var record = Assert.Single(records)!;
        Assert.NotNull(record["label"]);
        Assert.Equal("/data/upload/29/example.png", record["image"]!.GetValue<string>());
        Assert.Equal(22, record["annotation_id"]!.GetValue<long>());
        Assert.Equal(1, record["annotator"]!.GetValue<long>());
        Assert.NotNull(record["lead_time"]);
        var label = record["label"]!.AsArray().Single()!;
        Assert.Equal("Airplane", label["polygonlabels"]![0]!.GetValue<string>());
        Assert.Equal(3, label["points"]!.AsArray().Count);
        Assert.Equal(128, label["original_width"]!.GetValue<int>());
    }

    public static TheoryData<string> ConllCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in JsonNode.Parse(ConverterFixtures.Text("conll_tokenizer_cases.json"))!.AsArray())
        {
            data.Add(c!["name"]!.GetValue<string>());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConllCases))]
    public async Task Conll_ConverterTokenizerCases_TagTheSameCharacters(string name)
    {
        var c = JsonNode.Parse(ConverterFixtures.Text("conll_tokenizer_cases.json"))!.AsArray().Single(n => n!["name"]!.GetValue<string>() == name)!;
        var text = c["text"]!.GetValue<string>();
        var spans = c["spans"]!.AsArray();
        var labels = spans.Select(s => s!["labels"]![0]!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
        var config = ExportTestKit.Config($"""<View><Text name="text" value="$text"/><Labels name="ner" toName="text">{string.Concat(labels.Select(l => $"<Label value=\"{l}\"/>"))}</Labels></View>""");
        var result = new JsonArray([.. spans.Select((s, i) => (JsonNode)new JsonObject
        {
            ["id"] = $"s{i}",
            ["from_name"] = "ner",
            ["to_name"] = "text",
            ["type"] = "labels",
            ["value"] = new JsonObject { ["start"] = s!["start"]!.GetValue<int>(), ["end"] = s["end"]!.GetValue<int>(), ["labels"] = new JsonArray(s["labels"]![0]!.GetValue<string>()) },
        })]);
        var task = ExportTestKit.Task(1, new JsonObject { ["text"] = text }.ToJsonString(), ExportTestKit.Annotation(1, 1, result.ToJsonString()));
        var output = await ExportTestKit.RunToTextAsync(new Conll2003ExportWriter(config, ExportTestKit.Options), task);
        var ours = output.Split('\n').Skip(2).Where(l => l.Length > 0).Select(l => l.Split(' ')).Select(p => (Token: p[0], Tag: p[3])).ToList();
        var theirs = c["tokens"]!.AsArray().Select(t => t!.GetValue<string>()).Zip(c["tags"]!.AsArray().Select(t => t!.GetValue<string>()), (t, g) => (Token: t, Tag: g)).ToList();

        // Tolerated: tokenization. Groundwork makes every punctuation character a token of its own ("3.99" -> "3" "." "99",
        // "Turtles." -> "Turtles" "."); the converter keeps some together. So the comparison is of what each labels: the
        // character ranges of the entities (a B- token and the I- tokens after it, from the first character of one to the
        // last of the other) and which characters lie outside any entity.
        Assert.Equal(Entities(text, theirs), Entities(text, ours));
        Assert.Equal(text.Where(ch => !char.IsWhiteSpace(ch)), ours.SelectMany(t => t.Token));
    }

    /// <summary>Entities as (first character, end, label), found by locating each token in the text in order.</summary>
    private static List<(int Start, int End, string Label)> Entities(string text, List<(string Token, string Tag)> tokens)
    {
        var entities = new List<(int Start, int End, string Label)>();
        var position = 0;
        foreach (var (token, tag) in tokens)
        {
            var start = text.IndexOf(token, position, StringComparison.Ordinal);
            Assert.True(start >= 0, $"token '{token}' is not in the text after {position}");
            position = start + token.Length;
            if (tag.StartsWith("B-", StringComparison.Ordinal))
            {
                entities.Add((start, position, tag[2..]));
            }
            else if (tag.StartsWith("I-", StringComparison.Ordinal))
            {
                var last = entities[^1];
                Assert.Equal(last.Label, tag[2..]);
                entities[^1] = (last.Start, position, last.Label);
            }
        }

        return entities;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The converter's TSV: tab-separated, every text field quoted with doubled quotes.</summary>
    private static (string[] Header, List<string[]> Rows) ReadTsv(string text) => ReadDelimited(text, '\t');

    private static (string[] Header, List<string[]> Rows) ReadCsv(string text) => ReadDelimited(text, ',');

    /// <summary>A small RFC 4180 reader (quoted fields may hold the separator, quotes and line breaks).</summary>
    private static (string[] Header, List<string[]> Rows) ReadDelimited(string text, char separator)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return (records[0], records.Skip(1).ToList());
    }
}
