using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Formats.Results;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Fuzz;

/// <summary>
/// <see cref="ResultValidator"/> on random result JSON against every template configuration: it never throws,
/// and every error names a region of the array (or the array itself) and says why.
/// </summary>
public sealed class ResultValidatorFuzzTests
{
    private static readonly LabelConfig[] s_configs = TemplateConfigs.All()
        .Select(row => LabelConfigParser.Parse((string)row.Data.Item2).Config)
        .OfType<LabelConfig>()
        .ToArray();

    private static readonly string[] s_keys =
    [
        "id", "from_name", "to_name", "type", "value", "origin", "parentID", "from_id", "to_id", "direction", "labels", "original_width", "original_height",
        "image_rotation", "readonly", "score",
    ];

    private static readonly string[] s_valueKeys =
    [
        "choices", "labels", "rectanglelabels", "polygonlabels", "keypointlabels", "brushlabels", "ellipselabels", "x", "y", "width", "height",
        "rotation", "points", "radiusX", "radiusY", "start", "end", "startOffset", "endOffset", "text", "rating", "number", "taxonomy", "ranker",
        "selected", "datetime", "hypertextlabels", "timeserieslabels", "paragraphlabels", "format", "rle", "keypoints",
    ];

    private static readonly string[] s_strings =
    [
        "", "a", "b", "label", "text", "image", "Airplane", "Car", "positive", "choices", "labels", "rectanglelabels", "relation", "textarea",
        "rating", "number", "taxonomy", "left", "right", "bi", "\\ud800", "\\udc00x", "\\u0000", "ü😀", "0", "-1", "NaN", "/start", "/div[1]",
    ];

    private static readonly string[] s_numbers =
    [
        "0", "-0", "1", "-1", "50", "100", "100.0000001", "1e308", "-1e308", "1e999", "-1e999", "1e-400", "4.9e-324", "2147483648", "-9223372036854775809",
        "0.5", "99999999999999999999999", "3.14159",
    ];

    /// <summary>JSON text of any value, depth-limited, leaning to the shapes results use.</summary>
    private static Gen<string> Value(int depth)
    {
        var scalar = Gen.OneOf(
            Gen.Int[0, s_strings.Length - 1].Select(i => "\"" + s_strings[i] + "\""),
            Gen.Int[0, s_numbers.Length - 1].Select(i => s_numbers[i]),
            Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0"),
            Gen.OneOf("true", "false", "null"));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = Value(depth - 1);
        return Weighted(
            (4, scalar),
            (2, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(Gen.Int[0, s_valueKeys.Length - 1], inner).Array[0, 4]
                .Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{s_valueKeys[p.Item1]}\":{p.Item2}")) + "}")));
    }

    private static Gen<string> Region(LabelConfig config)
    {
        var names = config.ControlTags.Select(c => c.Name).Concat(config.ObjectTags.Select(o => o.Name)).Append("nope").ToArray();
        var types = config.ControlTags.Select(c => c.ResultType).Append("relation").Append("nope").ToArray();
        var valueField = Gen.Select(Gen.Int[0, s_valueKeys.Length - 1], Value(2)).Array[0, 6]
            .Select(pairs => "{" + string.Join(",", pairs.DistinctBy(p => p.Item1).Select(p => $"\"{s_valueKeys[p.Item1]}\":{p.Item2}")) + "}");
        var field = Weighted(
            (3, Gen.Int[0, names.Length - 1].Select(i => $"\"from_name\":\"{names[i]}\"")),
            (3, Gen.Int[0, names.Length - 1].Select(i => $"\"to_name\":\"{names[i]}\"")),
            (3, Gen.Int[0, types.Length - 1].Select(i => $"\"type\":\"{types[i]}\"")),
            (3, valueField.Select(v => $"\"value\":{v}")),
            (2, Gen.Select(Gen.Int[0, s_keys.Length - 1], Value(2)).Select(p => $"\"{s_keys[p.Item1]}\":{p.Item2}")));
        return Weighted(
            (8, field.Array[0, 7].Select(fields => "{" + string.Join(",", fields) + "}")),
            (1, Value(2)));
    }

    private static Gen<string> Weighted(params (int Weight, IGen<string> Gen)[] choices) => Gen.Frequency(choices);

    [Fact]
    public void Validate_RandomResults_NeverThrowsAndLocatesEveryError()
    {
        Assert.NotEmpty(s_configs);
        var gen = Gen.Int[0, s_configs.Length - 1].SelectMany(c => Gen.Select(
            Gen.Const(c),
            Weighted((9, Region(s_configs[c]).Array[0, 5].Select(r => "[" + string.Join(",", r) + "]")), (1, Value(2))),
            Gen.OneOf(Gen.Const("null"), Data(s_configs[c]))));

        var tried = Fuzzing.Run(gen, input =>
        {
            var (configIndex, resultJson, dataJson) = input;
            using var result = JsonDocument.Parse(resultJson);
            using var data = JsonDocument.Parse(dataJson);

            var errors = ResultValidator.Validate(s_configs[configIndex], result.RootElement, dataJson == "null" ? null : data.RootElement);

            var count = result.RootElement.ValueKind == JsonValueKind.Array ? result.RootElement.GetArrayLength() : 0;
            Assert.All(errors, e =>
            {
                Assert.InRange(e.Index, -1, count - 1);
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.False(string.IsNullOrWhiteSpace(e.ToString()));
            });
            if (result.RootElement.ValueKind != JsonValueKind.Array)
            {
                Assert.Contains(errors, e => e.Index == -1);
            }
        });

        Assert.True(tried >= 100, $"only {tried} inputs were checked");
    }

    /// <summary>Task data with the config's variables set to random text or values.</summary>
    private static Gen<string> Data(LabelConfig config)
    {
        var variables = config.Variables.Count == 0 ? ["text"] : config.Variables.ToArray();
        var text = Gen.OneOf(
            Gen.Int[0, s_strings.Length - 1].Select(i => "\"" + s_strings[i] + "\""),
            Gen.String[0, 40].Select(s => JsonSerializer.Serialize(s)),
            Value(1));
        return text.Array[variables.Length].Select(values =>
        {
            var json = new StringBuilder("{");
            for (var i = 0; i < variables.Length; i++)
            {
                json.Append(i == 0 ? string.Empty : ",").Append(JsonSerializer.Serialize(variables[i])).Append(':').Append(values[i]);
            }

            return json.Append('}').ToString();
        });
    }
}
