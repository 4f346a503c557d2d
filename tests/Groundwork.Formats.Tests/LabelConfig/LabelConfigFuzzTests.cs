using CsCheck;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Formats.Tests.Fuzz;

namespace Groundwork.Formats.Tests.LabelConfigs;

/// <summary>The parser never throws and always answers with exactly one of a config or errors.</summary>
public sealed class LabelConfigFuzzTests
{
    private static readonly string[] s_templates = TemplateConfigs.All().Select(row => (string)row.Data.Item2).ToArray();

    private static readonly string[] s_fragments =
    [
        "<", ">", "/>", "</", "=", "\"", "'", " ", "\n", "$", ",", "&amp;", "&lol;", "&#0;", "&#x1F600;",
        "View", "Image", "Text", "Labels", "Label", "Choices", "Choice", "Relations", "Relation", "Taxonomy",
        "Pairwise", "Ranker", "Bucket", "Rating", "Number", "TextArea", "RectangleLabels", "List",
        " name=\"a\"", " name=\"b\"", " toName=\"a\"", " toName=\"a,b\"", " toName=\"\"", " value=\"$x\"", " value=\"$\"",
        " choice=\"multiple\"", " maxRating=\"-3\"", " min=\"NaN\"", " hotkey=\"1\"",
        "<Label value=\"A\"/>", "<Choice value=\"A\"><Choice value=\"B\"/></Choice>", "<Text name=\"a\" value=\"$a\"/>",
        "<!DOCTYPE x [<!ENTITY lol \"lol\">]>", "<!DOCTYPE x SYSTEM \"http://x/\">", "<?xml version=\"1.0\"?>",
        "<![CDATA[x]]>", "<!-- c -->", "<?pi x?>", "\uFFFF", "\0", "ü", "\uD800", "xmlns:p=\"urn:x\"", "<p:View>",
    ];

    private static void AssertWellBehaved(string xml)
    {
        var result = LabelConfigParser.Parse(xml);

        Assert.NotNull(result.Errors);
        if (result.Config is null)
        {
            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        }
        else
        {
            Assert.Empty(result.Errors);
            Assert.All(result.Config.ControlTags, c => Assert.All(c.ToNames, t => Assert.NotNull(result.Config.FindObject(t))));
        }
    }

    [Fact]
    public void Parse_RandomFragments_NeverThrows()
    {
        var gen = Gen.OneOf(s_fragments).Array[0, 40].Select(parts => "<View>" + string.Concat(parts) + "</View>");

        Fuzzing.Run(gen, AssertWellBehaved);
    }

    [Fact]
    public void Parse_MutatedTemplates_NeverThrows()
    {
        var mutation = Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Int[0, 20], Gen.OneOf(s_fragments));
        var gen = Gen.Select(Gen.Int[0, s_templates.Length - 1], mutation.Array[1, 6], (template, mutations) =>
        {
            var xml = s_templates[template];
            foreach (var (kind, where, length, fragment) in mutations)
            {
                var at = (int)(where * xml.Length);
                xml = kind switch
                {
                    0 => xml.Remove(at, Math.Min(length, xml.Length - at)),
                    1 => xml.Insert(at, fragment),
                    _ => xml.Insert(at, xml.Substring(at, Math.Min(length, xml.Length - at))),
                };
            }

            return xml;
        });

        Fuzzing.Run(gen, AssertWellBehaved);
    }
}
