using System.Diagnostics;
using CsCheck;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Formats.Tests.LabelConfigs;

namespace Groundwork.Formats.Tests.Fuzz;

/// <summary>
/// <see cref="LabelConfigParser"/> on documents with random DTDs, random text and random nesting: it answers
/// with errors (never throws), refuses every DTD without resolving or expanding it, and answers quickly.
/// </summary>
public sealed class LabelConfigParserFuzzTests
{
    /// <summary>The longest one parse may take: far above a normal parse, far below a hang or an expansion.</summary>
    private static readonly TimeSpan s_parseLimit = TimeSpan.FromSeconds(1);

    private static readonly string[] s_templates = TemplateConfigs.All().Select(row => (string)row.Data.Item2).ToArray();

    private static readonly string[] s_declarations =
    [
        "<!ENTITY e \"text\">", "<!ENTITY e SYSTEM \"file:///etc/passwd\">", "<!ENTITY e SYSTEM \"http://127.0.0.1:1/x\">",
        "<!ENTITY e PUBLIC \"-//x//y\" \"http://example.invalid/e.dtd\">", "<!ENTITY % p SYSTEM \"file:///etc/hostname\">", "%p;",
        "<!ENTITY % q \"<!ENTITY e 'x'>\">", "%q;", "<!ELEMENT View ANY>", "<!ATTLIST Text value CDATA #FIXED \"&e;\">",
        "<!ENTITY a \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">", "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">",
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">", "<!ENTITY r \"&r;\">", "<!NOTATION n SYSTEM \"x\">",
        "<!ENTITY u SYSTEM \"x\" NDATA n>", "<!-- c -->", "<?pi x?>", "]]>", "<![INCLUDE[", "<![IGNORE[",
    ];

    private static readonly string[] s_references = ["&e;", "&a;", "&b;", "&c;", "&r;", "&u;", "%p;", "&#0;", "&#x110000;", "&lt;", ""];

    private static void AssertAnswersQuickly(string xml, Action<LabelConfigParseResult> check)
    {
        var clock = Stopwatch.StartNew();
        var result = LabelConfigParser.Parse(xml);
        Assert.True(clock.Elapsed < s_parseLimit, $"the parse took {clock.Elapsed}");
        Assert.True(result.Config is null == result.Errors.Count > 0, "exactly one of a config or errors");
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.ToString())));
        check(result);
    }

    [Fact]
    public void Parse_RandomDtd_IsAlwaysRefusedAndNothingIsExpanded()
    {
        var doctype = Gen.Select(
            Gen.OneOf("", "<?xml version=\"1.0\"?>\n", "\uFEFF", "<!-- lead -->\n"),
            Gen.OneOf("View", "x", ""),
            Gen.OneOf("", " SYSTEM \"http://example.invalid/e.dtd\"", " SYSTEM \"file:///etc/passwd\"", " PUBLIC \"-//x\" \"y.dtd\""),
            Gen.Int[0, s_declarations.Length - 1].Select(i => s_declarations[i]).Array[0, 8],
            Gen.Bool);
        var gen = Gen.Select(doctype, Gen.Int[0, s_templates.Length - 1], Gen.Int[0, s_references.Length - 1], Gen.Double[0, 1])
            .Select((d, template, reference, where) =>
            {
                var (lead, root, external, declarations, subset) = d;
                var body = s_templates[template];
                var at = body.IndexOf('>', (int)(where * (body.Length - 1))) is var gt and >= 0 ? gt + 1 : body.Length;
                var subsetText = subset ? " [" + string.Join("\n", declarations) + "]" : string.Empty;
                return $"{lead}<!DOCTYPE {root}{external}{subsetText}>\n{body.Insert(at, s_references[reference])}";
            });

        var tried = Fuzzing.Run(gen, xml => AssertAnswersQuickly(xml, result =>
        {
            Assert.Null(result.Config);
            Assert.All(result.Errors, e => Assert.True(
                e.Code is LabelConfigErrorCode.DtdProhibited or LabelConfigErrorCode.MalformedXml, $"{e.Code}: {e}"));
            Assert.DoesNotContain(result.Errors, e => e.Message.Contains("root:", StringComparison.Ordinal) || e.Message.Contains("texttext", StringComparison.Ordinal));
        }));

        Assert.True(tried >= 100, $"only {tried} inputs were checked");
    }

    [Fact]
    public void Parse_RandomText_NeverThrows()
    {
        var gen = Gen.OneOf(
            Gen.String[0, 300],
            Gen.Char.Array[0, 300].Select(chars => new string(chars)),
            Gen.String[0, 100].Select(s => "<View>" + s + "</View>"));

        var tried = Fuzzing.Run(gen, xml => AssertAnswersQuickly(xml, _ => { }));

        Assert.True(tried >= 100, $"only {tried} inputs were checked");
    }

    [Fact]
    public void Parse_RandomNesting_IsRefusedPastTheLimitAndNeverThrows()
    {
        var gen = Gen.Select(Gen.Int[1, 4000], Gen.OneOf("View", "a", "Text", "Choices"), Gen.Bool);

        var tried = Fuzzing.Run(
            gen,
            input =>
            {
                var (depth, tag, closed) = input;
                var xml = "<View>" + string.Concat(Enumerable.Repeat($"<{tag}>", depth)) + (closed ? string.Concat(Enumerable.Repeat($"</{tag}>", depth)) : string.Empty) + "</View>";
                AssertAnswersQuickly(xml, result =>
                {
                    if (depth >= LabelConfigParser.MaxDepth)
                    {
                        Assert.Contains(result.Errors, e => e.Code is LabelConfigErrorCode.TooDeep or LabelConfigErrorCode.MalformedXml);
                    }
                });
            },
            iterations: 300);

        Assert.True(tried >= 100, $"only {tried} inputs were checked");
    }
}
