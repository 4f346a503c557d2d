using System.IO.Compression;
using System.Text.Json.Nodes;
using Groundwork.Formats.Export;
using Groundwork.Formats.Tests.Export;

namespace Groundwork.Formats.Tests.References;

/// <summary>
/// Groundwork's outputs read back by the readers training code uses, from Debian's packages:
/// CoNLL 2003 by NLTK's <c>ConllCorpusReader</c> (python3-nltk) and Pascal VOC by torchvision's <c>VOCDetection</c>
/// dataset (python3-torchvision). COCO's usual reader (pycocotools) and YOLO's (ultralytics) are not packaged for
/// Debian 12 and PyPI cannot be reached here, so those two formats are checked only by the converter fixtures and
/// the writers' own tests.
/// </summary>
public sealed class ReferenceReaderTests
{
    private const string NerConfig = """<View><Text name="text" value="$text"/><Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/><Label value="LOC"/></Labels></View>""";

    private const string BoxConfig = """<View><Image name="image" value="$image"/><RectangleLabels name="box" toName="image"><Label value="cat"/><Label value="dog"/></RectangleLabels><PolygonLabels name="poly" toName="image"><Label value="cat"/></PolygonLabels></View>""";

    [Fact]
    public async Task Conll2003_IsReadByNltkConllCorpusReader_WithTheSameTokensTagsAndEntities()
    {
        PythonReference.Require("nltk", "python3-nltk");
        var writer = new Conll2003ExportWriter(ExportTestKit.Config(NerConfig), ExportTestKit.Options);
        var bytes = await ExportTestKit.RunAsync(
            writer,
            ExportTestKit.Task(1, """{"text":"Jane Smith joined Acme Corp. in Paris."}""", ExportTestKit.Annotation(1, 1, Spans((0, 10, "PER"), (18, 27, "ORG"), (32, 37, "LOC")))),
            ExportTestKit.Task(2, """{"text":"Nothing here, O'Brien?"}""", ExportTestKit.Annotation(2, 1, Spans((14, 21, "PER")))),
            ExportTestKit.Task(3, """{"text":"no results"}"""));
        using var folder = new TempFolder();
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "export.conll"), bytes);

        var read = JsonNode.Parse(await PythonReference.RunScriptAsync(
            """
            import json, sys
            from nltk.corpus.reader.conll import ConllCorpusReader
            # Groundwork writes "token -X- _ TAG" (as label-studio-converter does): words, a POS placeholder, an unused column, the IOB tag.
            reader = ConllCorpusReader(sys.argv[1], ["export.conll"], columntypes=("words", "pos", "ignore", "chunk"))
            sentences = [s for s in reader.iob_sents() if s]
            entities = [[(t.label(), " ".join(w for w, _ in t.leaves())) for t in tree if hasattr(t, "label")] for tree in reader.chunked_sents() if len(tree)]
            print(json.dumps({"sentences": sentences, "entities": entities}))
            """,
            folder.Path))!;

        var sentences = read["sentences"]!.AsArray();
        Assert.Equal(2, sentences.Count);
        Assert.Equal(
            ["Jane/B-PER", "Smith/I-PER", "joined/O", "Acme/B-ORG", "Corp/I-ORG", "./O", "in/O", "Paris/B-LOC", "./O"],
            sentences[0]!.AsArray().Select(t => $"{t![0]}/{t[2]}"));
        Assert.Equal(["Nothing/O", "here/O", ",/O", "O/B-PER", "'/I-PER", "Brien/I-PER", "?/O"], sentences[1]!.AsArray().Select(t => $"{t![0]}/{t[2]}"));
        Assert.All(sentences.SelectMany(s => s!.AsArray()), t => Assert.Equal("-X-", t![1]!.GetValue<string>()));
        Assert.Equal(
            ["PER: Jane Smith", "ORG: Acme Corp", "LOC: Paris", "|", "PER: O ' Brien", "|"],
            read["entities"]!.AsArray().SelectMany(sentence => sentence!.AsArray().Select(e => $"{e![0]}: {e[1]}").Append("|")));
    }

    [Fact]
    public async Task PascalVoc_IsReadByTorchvisionVocDetection_WithTheSameSizesLabelsAndBoxes()
    {
        PythonReference.Require("torchvision", "python3-torchvision");
        var writer = new PascalVocExportWriter(ExportTestKit.Config(BoxConfig), ExportTestKit.Options);
        var zip = await ExportTestKit.RunAsync(
            writer,
            ExportTestKit.Task(1, """{"image":"/data/upload/1/cat-1.jpg"}""", ExportTestKit.Annotation(1, 1, """
                [{"id":"a","from_name":"box","to_name":"image","type":"rectanglelabels","original_width":640,"original_height":480,
                  "value":{"x":10,"y":20,"width":25,"height":50,"rotation":0,"rectanglelabels":["cat"]}},
                 {"id":"b","from_name":"box","to_name":"image","type":"rectanglelabels","original_width":640,"original_height":480,
                  "value":{"x":50,"y":50,"width":12.5,"height":10,"rotation":0,"rectanglelabels":["dog"]}}]
                """)),
            ExportTestKit.Task(2, """{"image":"https://example.com/images/dog_2.png?sig=1"}""", ExportTestKit.Annotation(2, 1, """
                [{"id":"c","from_name":"poly","to_name":"image","type":"polygonlabels","original_width":200,"original_height":100,
                  "value":{"points":[[10,10],[50,10],[30,60]],"polygonlabels":["cat"]}},
                 {"id":"d","from_name":"box","to_name":"image","type":"rectanglelabels","original_width":200,"original_height":100,
                  "value":{"x":10,"y":10,"width":40,"height":50,"rotation":0,"rectanglelabels":["dog"]}}]
                """)));
        using var folder = new TempFolder();
        var voc = Path.Combine(folder.Path, "VOCdevkit", "VOC2012");
        Directory.CreateDirectory(voc);
        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        {
            // ExtractToDirectory refuses entries that would land outside the folder.
            archive.ExtractToDirectory(voc);
        }

        var targets = JsonNode.Parse(await PythonReference.RunScriptAsync(
            """
            import json, os, sys
            from PIL import Image
            from torchvision.datasets import VOCDetection
            root = sys.argv[1]
            base = os.path.join(root, "VOCdevkit", "VOC2012")
            # VOCDetection wants the image files and an image-set list beside the annotations: make tiny images for them.
            ids = sorted(name[:-4] for name in os.listdir(os.path.join(base, "Annotations")))
            os.makedirs(os.path.join(base, "ImageSets", "Main"))
            os.makedirs(os.path.join(base, "JPEGImages"))
            with open(os.path.join(base, "ImageSets", "Main", "train.txt"), "w") as f:
                f.write("\n".join(ids) + "\n")
            for i in ids:
                Image.new("RGB", (4, 4)).save(os.path.join(base, "JPEGImages", i + ".jpg"))
            dataset = VOCDetection(root, year="2012", image_set="train", download=False)
            print(json.dumps([dataset[k][1]["annotation"] for k in range(len(dataset))]))
            """,
            folder.Path))!.AsArray();

        Assert.Equal(2, targets.Count);
        var cat = targets.Single(t => t!["filename"]!.GetValue<string>() == "cat-1.jpg")!;
        Assert.Equal("640", cat["size"]!["width"]!.GetValue<string>());
        Assert.Equal("480", cat["size"]!["height"]!.GetValue<string>());
        Assert.Equal(
            """[["cat","64","96","224","336"],["dog","320","240","400","288"]]""",
            Boxes(cat));
        var dog = targets.Single(t => t!["filename"]!.GetValue<string>() == "dog_2.png")!;
        Assert.Equal("200", dog["size"]!["width"]!.GetValue<string>());
        // The polygon has no VOC form and is left out (label-studio-converter's VOC export writes rectangles only too).
        Assert.Equal("""[["dog","20","10","100","60"]]""", Boxes(dog));
    }

    private static string Boxes(JsonNode annotation) =>
        new JsonArray([.. annotation["object"]!.AsArray().Select(o => (JsonNode)new JsonArray(
            o!["name"]!.GetValue<string>(), o["bndbox"]!["xmin"]!.GetValue<string>(), o["bndbox"]!["ymin"]!.GetValue<string>(),
            o["bndbox"]!["xmax"]!.GetValue<string>(), o["bndbox"]!["ymax"]!.GetValue<string>()))]).ToJsonString();

    private static string Spans(params (int Start, int End, string Label)[] spans) =>
        "[" + string.Join(',', spans.Select((s, i) => $$$"""{"id":"s{{{i}}}","from_name":"ner","to_name":"text","type":"labels","value":{"start":{{{s.Start}}},"end":{{{s.End}}},"labels":["{{{s.Label}}}"]}}""")) + "]";

    private sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "groundwork-reference-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
