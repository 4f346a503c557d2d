using System.Xml;
using System.Xml.Linq;
using Groundwork.Formats.Export;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Export;

public sealed class PascalVocExportWriterTests
{
    [Fact]
    public async Task Write_ConverterFixture_OneXmlPerImageWithPixelBoxes()
    {
        var writer = new PascalVocExportWriter(ExportTestKit.Config(TemplateConfigs.ConverterYoloFixture), ExportTestKit.Options);

        var files = YoloExportWriterTests.ReadZip(await ExportTestKit.RunAsync(writer, ConverterYoloFixture.Tasks()));

        Assert.Equal(["Annotations/image1.xml", "Annotations/image2.xml"], files.Keys.Order(StringComparer.Ordinal));
        var image2 = files["Annotations/image2.xml"];
        Assert.Equal("""
            <?xml version="1.0" encoding="utf-8"?>
            <annotation>
              <folder>images</folder>
              <filename>image2</filename>
              <source>
                <database>Groundwork</database>
              </source>
              <size>
                <width>2800</width>
                <height>2800</height>
                <depth>3</depth>
              </size>
              <segmented>0</segmented>
              <object>
                <name>white</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <difficult>0</difficult>
                <bndbox>
                  <xmin>551</xmin>
                  <ymin>1392</ymin>
                  <xmax>643</xmax>
                  <ymax>1474</ymax>
                </bndbox>
              </object>
              <object>
                <name>white</name>
                <pose>Unspecified</pose>
                <truncated>0</truncated>
                <difficult>0</difficult>
                <bndbox>
                  <xmin>1729</xmin>
                  <ymin>1040</ymin>
                  <xmax>1800</xmax>
                  <ymax>1163</ymax>
                </bndbox>
              </object>
            </annotation>
            """, image2);

        // What a VOC reader does: parse it and read the objects of image1 (both annotations' boxes).
        var image1 = XDocument.Parse(files["Annotations/image1.xml"]);
        var objects = image1.Root!.Elements("object").ToArray();
        Assert.Equal(["parasites", "white", "parasites", "white"], objects.Select(o => o.Element("name")!.Value));
        Assert.All(objects, o =>
        {
            var box = o.Element("bndbox")!;
            Assert.True(int.Parse(box.Element("xmin")!.Value, System.Globalization.CultureInfo.InvariantCulture)
                < int.Parse(box.Element("xmax")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public async Task Write_LabelWithMarkup_IsEscaped()
    {
        var config = ExportTestKit.Config("""<View><Image name="i" value="$i"/><RectangleLabels name="l" toName="i"><Label value="a&lt;b&amp;c"/></RectangleLabels></View>""");
        const string result = """[{"id": "1", "from_name": "l", "to_name": "i", "type": "rectanglelabels", "original_width": 10, "original_height": 10, "value": {"x": 0, "y": 0, "width": 100, "height": 100, "rectanglelabels": ["a<b&c"]}}]""";

        var files = YoloExportWriterTests.ReadZip(await ExportTestKit.RunAsync(new PascalVocExportWriter(config, ExportTestKit.Options),
            ExportTestKit.Task(1, """{"i": "x.png"}""", ExportTestKit.Annotation(1, 1, result))));

        using var reader = XmlReader.Create(new StringReader(files["Annotations/x.xml"]), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var document = XDocument.Load(reader);
        Assert.Equal("a<b&c", document.Root!.Element("object")!.Element("name")!.Value);
        Assert.Equal("10", document.Root.Element("object")!.Element("bndbox")!.Element("xmax")!.Value);
    }
}
