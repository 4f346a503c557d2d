using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Groundwork.Core.Export;
using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>
/// Pascal VOC XML in a zip: <c>Annotations/&lt;image&gt;.xml</c> per task with results and an image size, one
/// <c>object</c> per box with its <c>bndbox</c> in whole pixels (a rotated box gets its axis-aligned bounds).
/// Polygons and key points have no VOC form and are left out. Images are not included.
/// </summary>
public sealed class PascalVocExportWriter(LabelConfig config, ExportOptions? options = null) : IExportWriter
{
    private static readonly XmlWriterSettings s_xml = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        CloseOutput = false,
    };

    private readonly ExportOptions _options = options ?? ExportOptions.Default;
    private readonly ImageTaskReader _reader = new(config);
    private readonly MemoryStream _document = new();
    private readonly EntryNames _names = new();
    private readonly List<ImageRegion> _regions = [];
    private ZipEntryWriter? _zip;

    public string FormatName => "VOC";

    public string ContentType => "application/zip";

    public string FileExtension => ".zip";

    /// <summary>Tasks with results that could not be exported: no image reference or no image size.</summary>
    public long SkippedTasks { get; private set; }

    public async ValueTask WriteStartAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        _zip = new ZipEntryWriter(_options.TimeProvider);
        await _zip.StartAsync(output, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteTaskAsync(ExportTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var zip = _zip ?? throw new InvalidOperationException("call WriteStartAsync first");
        if (!_reader.TryRead(task, _options, _regions, out var reference, out var size))
        {
            return;
        }

        if (reference is null || size is not { } pixels)
        {
            SkippedTasks++;
            return;
        }

        var fileName = ImageFileName.Of(reference, task.Id);
        _document.SetLength(0);
        using (var xml = XmlWriter.Create(_document, s_xml))
        {
            WriteAnnotation(xml, fileName, pixels);
        }

        var name = _names.Reserve(ImageFileName.Stem(fileName), task.Id);
        await zip.WriteEntryAsync($"Annotations/{name}.xml", _document.GetBuffer().AsMemory(0, (int)_document.Length), cancellationToken).ConfigureAwait(false);
        if (_document.Capacity > 1 << 20)
        {
            _document.Capacity = 64 * 1024;
        }
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        var zip = _zip ?? throw new InvalidOperationException("call WriteStartAsync first");
        await zip.EndAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteAnnotation(XmlWriter xml, string fileName, (int Width, int Height) pixels)
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("annotation");
        xml.WriteElementString("folder", "images");
        xml.WriteElementString("filename", fileName);
        xml.WriteStartElement("source");
        xml.WriteElementString("database", "Groundwork");
        xml.WriteEndElement();
        xml.WriteStartElement("size");
        xml.WriteElementString("width", Text(pixels.Width));
        xml.WriteElementString("height", Text(pixels.Height));
        xml.WriteElementString("depth", "3");
        xml.WriteEndElement();
        xml.WriteElementString("segmented", "0");
        foreach (var region in _regions)
        {
            if (region.Shape != ImageShape.Box)
            {
                continue;
            }

            var (left, top, right, bottom) = region.Bounds(pixels.Width, pixels.Height);
            xml.WriteStartElement("object");
            xml.WriteElementString("name", region.Label);
            xml.WriteElementString("pose", "Unspecified");
            xml.WriteElementString("truncated", "0");
            xml.WriteElementString("difficult", "0");
            xml.WriteStartElement("bndbox");
            xml.WriteElementString("xmin", Text(Px(left, pixels.Width)));
            xml.WriteElementString("ymin", Text(Px(top, pixels.Height)));
            xml.WriteElementString("xmax", Text(Px(right, pixels.Width)));
            xml.WriteElementString("ymax", Text(Px(bottom, pixels.Height)));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static int Px(double percent, int size) => (int)Math.Round(percent / 100 * size, MidpointRounding.AwayFromZero);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
