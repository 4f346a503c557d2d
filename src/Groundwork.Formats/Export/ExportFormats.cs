using Groundwork.Formats.LabelConfigs;

namespace Groundwork.Formats.Export;

/// <summary>The export formats by the names the API and CLI take, and the writer for each.</summary>
public static class ExportFormats
{
    /// <summary>Formats written by <see cref="IExportWriter"/>s (json and jsonl have their own streaming writers).</summary>
    public static IReadOnlyList<string> WriterFormats { get; } = ["csv", "json_min", "coco", "yolo", "voc", "conll2003", "sft", "preference", "parquet"];

    /// <summary>Every format name accepted.</summary>
    public static IReadOnlyList<string> All { get; } = ["json", "jsonl", .. WriterFormats];

    /// <summary>The writer for a format, or null when the name is not one of <see cref="WriterFormats"/>.</summary>
    public static IExportWriter? Create(string format, LabelConfig config, ExportOptions? options = null) => format switch
    {
        "csv" => new CsvExportWriter(config, options),
        "json_min" => new JsonMinExportWriter(config, options),
        "coco" => new CocoExportWriter(config, options),
        "yolo" => new YoloExportWriter(config, options),
        "voc" => new PascalVocExportWriter(config, options),
        "conll2003" => new Conll2003ExportWriter(config, options),
        "sft" => new SftJsonlExportWriter(config, options),
        "preference" => new PreferenceJsonlExportWriter(config, options),
        "parquet" => new ParquetExportWriter(config, options),
        _ => null,
    };
}
