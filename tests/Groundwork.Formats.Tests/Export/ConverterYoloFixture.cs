using Groundwork.Core.Export;

namespace Groundwork.Formats.Tests.Export;

/// <summary>
/// Source: HumanSignal/label-studio-converter, tests/data/test_export_yolo/data.json (result arrays copied
/// as they are; the task and annotation envelopes recast as <see cref="ExportTask"/>), with the config
/// tests/data/test_export_yolo/label_config.xml and the expected values of tests/test_export_yolo.py.
/// </summary>
internal static class ConverterYoloFixture
{
    public const string Annotation1 = """
        [
          {"original_width": 2800, "original_height": 2800, "image_rotation": 0,
           "value": {"x": 37.15846994535519, "y": 70.67395264116576, "width": 4.189435336976321, "height": 4.735883424408015, "rotation": 0, "rectanglelabels": ["parasites"]},
           "id": "C7oHaRDVVC", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "origin": "manual"},
          {"original_width": 2800, "original_height": 2800, "image_rotation": 0,
           "value": {"x": 37.15846994535519, "y": 70.67395264116576, "width": 4.189435336976321, "height": 4.735883424408015, "rotation": 0, "choices": ["uncertain"]},
           "id": "C7oHaRDVVC", "from_name": "choices", "to_name": "image", "type": "choices", "origin": "manual"},
          {"original_width": 2800, "original_height": 2800, "image_rotation": 0,
           "value": {"x": 57.79102500413977, "y": 62.87464812054977, "width": 3.808577579069383, "height": 4.636529226693169, "rotation": 0, "rectanglelabels": ["white"]},
           "id": "9GLz8g9skg", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "origin": "manual"}
        ]
        """;

    public const string Annotation2 = """
        [
          {"original_width": 2800, "original_height": 2800, "image_rotation": 0,
           "value": {"x": 37.88706739526412, "y": 71.76684881602914, "width": 3.8251366120218573, "height": 4.553734061930784, "rotation": 0, "rectanglelabels": ["parasites"]},
           "id": "ipBS_GBGZp", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "origin": "manual"},
          {"original_width": 2800, "original_height": 2800, "image_rotation": 0,
           "value": {"x": 49.18032786885246, "y": 23.13296903460838, "width": 5.2823315118397085, "height": 4.007285974499089, "rotation": 0, "rectanglelabels": ["white"]},
           "id": "QtdGMXo-M0", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "origin": "manual"}
        ]
        """;

    public const string Annotation3 = """
        [
          {"original_width": 2800, "original_height": 2800, "image_rotation": 0,
           "value": {"x": 19.672131147540984, "y": 49.72677595628415, "width": 3.278688524590164, "height": 2.914389799635701, "rotation": 0, "rectanglelabels": ["white"]},
           "id": "1o3pxwJAxl", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "origin": "manual"},
          {"original_width": 2800, "original_height": 2800, "image_rotation": 0,
           "value": {"x": 19.672131147540984, "y": 49.72677595628415, "width": 3.278688524590164, "height": 2.914389799635701, "rotation": 0, "choices": ["uncertain"]},
           "id": "1o3pxwJAxl", "from_name": "choices", "to_name": "image", "type": "choices", "origin": "manual"},
          {"original_width": 2800, "original_height": 2800, "image_rotation": 0,
           "value": {"x": 61.74863387978142, "y": 37.15846994535519, "width": 2.5500910746812386, "height": 4.371584699453552, "rotation": 0, "rectanglelabels": ["white"]},
           "id": "-GoXZ7Oj8k", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "origin": "manual"}
        ]
        """;

    /// <summary>tests/test_export_yolo.py, test_convert_annotation_to_yolo_format: the normalised boxes of the first three regions above.</summary>
    public static readonly double[][] ExpectedYolo =
    [
        [0.39253187613843354, 0.7304189435336975, 0.04189435336976321, 0.04735883424408015],
        [0.5969531379367445, 0.6519291273389635, 0.03808577579069383, 0.04636529226693169],
        [0.39799635701275043, 0.7404371584699453, 0.03825136612021857, 0.04553734061930784],
    ];

    public static ExportTask[] Tasks() =>
    [
        ExportTestKit.Task(1, """{"image": "/image1"}""",
            ExportTestKit.Annotation(1, 2, Annotation1), ExportTestKit.Annotation(2, 1, Annotation2)),
        ExportTestKit.Task(2, """{"image": "/image2"}""", ExportTestKit.Annotation(3, 1, Annotation3)),
    ];
}
