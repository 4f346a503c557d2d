namespace Groundwork.Formats.Tests.LabelConfigs;

/// <summary>
/// Labeling configurations of Label Studio's standard templates (https://labelstud.io/templates),
/// plus fixtures from HumanSignal/label-studio-converter where noted. Data, not code.
/// </summary>
internal static class TemplateConfigs
{
    public const string ImageBoundingBoxes = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image">
            <Label value="Airplane" background="green" hotkey="a"/>
            <Label value="Car" background="blue" hotkey="c"/>
          </RectangleLabels>
        </View>
        """;

    public const string ImagePolygons = """
        <View>
          <Header value="Select label and click the image to start"/>
          <Image name="image" value="$image" zoom="true"/>
          <PolygonLabels name="label" toName="image" strokeWidth="3" pointSize="small" opacity="0.9">
            <Label value="Airplane" background="red"/>
            <Label value="Car" background="blue"/>
          </PolygonLabels>
        </View>
        """;

    public const string ImageKeyPoints = """
        <View>
          <KeyPointLabels name="kp-1" toName="img-1">
            <Label value="Face" background="red"/>
            <Label value="Nose" background="green"/>
          </KeyPointLabels>
          <Image name="img-1" value="$img"/>
        </View>
        """;

    public const string NamedEntities = """
        <View>
          <Labels name="label" toName="text">
            <Label value="PER" background="red"/>
            <Label value="ORG" background="darkorange"/>
            <Label value="LOC" background="orange"/>
            <Label value="MISC" background="green"/>
          </Labels>
          <Text name="text" value="$text"/>
        </View>
        """;

    public const string TextClassification = """
        <View>
          <Text name="text" value="$text"/>
          <View style="box-shadow: 2px 2px 5px #999; padding: 20px; margin-top: 2em; border-radius: 5px;">
            <Header value="Choose text sentiment"/>
            <Choices name="sentiment" toName="text" choice="single" showInLine="true">
              <Choice value="Positive"/>
              <Choice value="Negative"/>
              <Choice value="Neutral"/>
            </Choices>
          </View>
        </View>
        """;

    public const string AudioTranscription = """
        <View>
          <Header value="Listen to the audio"/>
          <Audio name="audio" value="$audio"/>
          <Header value="Write the transcription"/>
          <TextArea name="transcription" toName="audio" rows="4" editable="true" maxSubmissions="1"/>
        </View>
        """;

    public const string Pairwise = """
        <View>
          <Header>Select one of two items</Header>
          <Pairwise name="pw" toName="text1,text2" />
          <Text name="text1" value="$text1" />
          <Text name="text2" value="$text2" />
        </View>
        """;

    public const string Ranker = """
        <View>
          <Style>.htx-text { white-space: pre-wrap; }</Style>
          <Text name="query" value="$query"/>
          <List name="results" value="$items" title="Search results"/>
          <Ranker name="rank" toName="results">
            <Bucket name="relevant" title="Relevant results"/>
            <Bucket name="biased" title="Biased results"/>
          </Ranker>
        </View>
        """;

    public const string Rating = """
        <View>
          <Text name="text" value="$text"/>
          <Rating name="rating" toName="text" maxRating="10" icon="star" size="medium"/>
        </View>
        """;

    public const string RelationExtraction = """
        <View>
          <Relations>
            <Relation value="org:founded_by"/>
            <Relation value="org:founded"/>
          </Relations>
          <Labels name="label" toName="text">
            <Label value="Organization" background="orange"/>
            <Label value="Person" background="green"/>
          </Labels>
          <Text name="text" value="$text"/>
        </View>
        """;

    public const string Taxonomy = """
        <View>
          <Text name="text" value="$text"/>
          <Taxonomy name="taxonomy" toName="text">
            <Choice value="Archaea"/>
            <Choice value="Bacteria"/>
            <Choice value="Eukarya">
              <Choice value="Human"/>
              <Choice value="Oppossum"/>
            </Choice>
          </Taxonomy>
        </View>
        """;

    public const string SupervisedLlm = """
        <View className="root">
          <Style>.root { font-family: sans-serif; }</Style>
          <Paragraphs name="chat" value="$messages" layout="dialogue" nameKey="role" textKey="content"/>
          <Text name="prompt" value="$prompt"/>
          <TextArea name="response" toName="prompt" rows="6" maxSubmissions="1" required="true"/>
          <Number name="quality" toName="prompt" min="0" max="10"/>
          <HyperText name="html" value="$html"/>
          <Video name="video" value="$video"/>
        </View>
        """;

    /// <summary>Source: HumanSignal/label-studio-converter, tests/data/test_export_yolo/label_config.xml.</summary>
    public const string ConverterYoloFixture = """
        <View>
          <Image name="image" value="$image"/>
          <Header value="RectangleLabels"/>
          <RectangleLabels name="label" toName="image">
            <Label value="parasites" background="rgba(218, 1, 238, 1)"/>
            <Label value="white" background="rgba(0, 255, 0, 1)"/>
          </RectangleLabels>
          <Choices name="choices" toName="image" perRegion="true">
            <Choice value="uncertain "/>
          </Choices>
        </View>
        """;

    public static TheoryData<string, string> All() => new()
    {
        { nameof(ImageBoundingBoxes), ImageBoundingBoxes },
        { nameof(ImagePolygons), ImagePolygons },
        { nameof(ImageKeyPoints), ImageKeyPoints },
        { nameof(NamedEntities), NamedEntities },
        { nameof(TextClassification), TextClassification },
        { nameof(AudioTranscription), AudioTranscription },
        { nameof(Pairwise), Pairwise },
        { nameof(Ranker), Ranker },
        { nameof(Rating), Rating },
        { nameof(RelationExtraction), RelationExtraction },
        { nameof(Taxonomy), Taxonomy },
        { nameof(SupervisedLlm), SupervisedLlm },
        { nameof(ConverterYoloFixture), ConverterYoloFixture },
    };
}
