using System.Net;
using System.Net.Http.Json;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Security;

/// <summary>
/// SQL metacharacters, LIKE wildcards, markup and scripts in every string field: stored and returned exactly,
/// matched exactly by the filters. NUL characters and unpaired surrogates, which PostgreSQL cannot store,
/// are refused with 400 on both providers.
/// </summary>
public sealed class BadInputStringTests(BadInputApps apps) : IClassFixture<BadInputApps>
{
    private static readonly string[] s_hostile =
    [
        "'; DROP TABLE tasks;--", "Robert'); DROP TABLE projects;--", "\" OR 1=1 --", "%", "_", "\\", "a%b_c\\d'\"",
        "%%", "\\%", "*", "?", "$1", ":name", "@p0", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "javascript:alert(1)", "${jndi:ldap://x/a}", "{{7*7}}", "ü 😀 ∑ \u200b مرحبا", "a\tb\r\nc", "\u001b[31m",
    ];

    public static TheoryData<string, string> HostileStrings()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var value in s_hostile)
            {
                data.Add(provider, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task Project_HostileStrings_RoundTripExactly(string provider, string value)
    {
        var target = await apps.GetAsync(provider);
        var config = Config(value);

        using var create = await target.Client.PostAsJsonAsync("/api/v1/projects", new { name = value, instructions = value, label_config = config });
        await create.ExpectAsync(HttpStatusCode.Created);
        var id = (await create.JsonAsync()).Id();
        try
        {
            var fetched = await target.Client.GetJsonAsync($"/api/v1/projects/{id}");
            using var patch = await target.Client.PatchAsJsonAsync($"/api/v1/projects/{id}", new { name = value + value, instructions = value + "#" });
            await patch.ExpectAsync(HttpStatusCode.OK);
            var patched = await target.Client.GetJsonAsync($"/api/v1/projects/{id}");

            Assert.Equal(value.Trim(), fetched["name"]!.GetValue<string>());
            Assert.Equal(value, fetched["instructions"]!.GetValue<string>());
            Assert.Equal(config, fetched["label_config"]!.GetValue<string>());
            Assert.Equal((value + value).Trim(), patched["name"]!.GetValue<string>());
            Assert.Equal(value + "#", patched["instructions"]!.GetValue<string>());
            Assert.Contains(await target.Client.GetJsonAsync("/api/v1/projects") is JsonArray all ? all : [], p => p!.Id() == id);
        }
        finally
        {
            await target.Client.DeleteAsync($"/api/v1/projects/{id}");
        }
    }

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task Task_HostileStrings_RoundTripAndFilterExactly(string provider, string value)
    {
        var target = await apps.GetAsync(provider);
        var config = Config(value);
        var id = (await target.Client.CreateProjectAsync("strings", labelConfig: config)).Id();
        try
        {
            var data = new JsonObject { ["text"] = value, [value] = value, ["nested"] = new JsonArray(value, new JsonObject { [value] = value }) };
            var meta = new JsonObject { [value] = value };
            var lines = string.Join('\n',
                Line(new JsonObject { ["unique_id"] = value, ["batch"] = value, ["data"] = data.DeepClone(), ["meta"] = meta.DeepClone() }),
                Line(new JsonObject { ["unique_id"] = "decoy" + value, ["batch"] = "decoy", ["data"] = new JsonObject { ["text"] = "decoy" } }),
                Line(new JsonObject { ["unique_id"] = "plain", ["data"] = new JsonObject { ["text"] = "plain" } }));
            await (await target.Client.ImportAsync(id, lines)).ExpectAsync(HttpStatusCode.OK);
            var csv = "text,unique_id\n" + Csv(value) + "," + Csv("csv" + value) + "\n";
            await (await target.Client.ImportAsync(id, csv, "text/csv", "?batch=" + Uri.EscapeDataString(value))).ExpectAsync(HttpStatusCode.OK);

            var byUniqueId = (await target.Client.GetJsonAsync($"/api/v1/projects/{id}/tasks?unique_id={Uri.EscapeDataString(value)}"))["items"]!.AsArray();
            var byBatch = (await target.Client.GetJsonAsync($"/api/v1/projects/{id}/tasks?batch={Uri.EscapeDataString(value)}"))["items"]!.AsArray();
            var task = Assert.Single(byUniqueId)!;
            using var get = await target.Client.GetAsync($"/api/v1/projects/{id}/tasks/{task.Id()}");
            var annotate = await target.Client.AnnotateAsync(id, task.Id(), $$$"""[{"id":"r1","from_name":"label","to_name":"text","type":"choices","value":{"choices":[{{{JsonSerializer.Serialize(ChoiceFor(value))}}}]}}]""");
            await annotate.ExpectAsync(HttpStatusCode.Created);
            var annotations = await target.Client.GetJsonAsync($"/api/v1/projects/{id}/tasks/{task.Id()}/annotations");
            var exported = JsonNode.Parse(await target.Client.GetStringAsync($"/api/v1/projects/{id}/export?format=json"))!.AsArray();

            Assert.Equal(value, task["unique_id"]!.GetValue<string>());
            Assert.Equal(value, task["batch"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(data, task["data"]), $"data came back as {task["data"].Compact()}");
            Assert.True(JsonNode.DeepEquals(meta, task["meta"]), $"meta came back as {task["meta"].Compact()}");
            Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
            Assert.Equal(2, byBatch.Count);
            Assert.Contains(byBatch, t => t!["unique_id"]!.GetValue<string>() == "csv" + value && t["data"]!["text"]!.GetValue<string>() == value);
            Assert.Equal(ChoiceFor(value), annotations[0]!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
            Assert.Equal(4, exported.Count);
            Assert.True(JsonNode.DeepEquals(data, exported.Single(t => t!["unique_id"]?.GetValue<string>() == value)!["data"]));
        }
        finally
        {
            await target.Client.DeleteAsync($"/api/v1/projects/{id}");
        }
    }

    public static TheoryData<string, string, string> UnstorableFields()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var bad in new[] { "a\\u0000b", "a\\ud800b", "a\\udc00", "\\ud800", "\\udbff\\udbff\\udc00x\\udc00" })
            {
                foreach (var field in new[] { "name", "instructions", "label_config", "update.name", "update.instructions", "result" })
                {
                    data.Add(provider, field, bad);
                }

                foreach (var field in new[] { "unique_id", "batch", "data", "data key", "flat data", "meta", "annotations", "predictions" })
                {
                    data.Add(provider, "import " + field, bad);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnstorableFields))]
    public async Task Field_WithNulOrUnpairedSurrogate_Returns400NamingTheField(string provider, string field, string bad)
    {
        var target = await apps.GetAsync(provider);
        var s = $"\"{bad}\"";
        var (endpoint, body, contentType) = field switch
        {
            "name" => ("create", $$$"""{"name":{{{s}}}}""", "application/json"),
            "instructions" => ("create", $$$"""{"name":"x","instructions":{{{s}}}}""", "application/json"),
            "label_config" => ("create", $$$"""{"name":"x","label_config":"<View><Text name=\"t\" value=\"$t\"/><Choices name=\"c\" toName=\"t\"><Choice value={{{s.Replace("\"", "\\\"", StringComparison.Ordinal)}}}/></Choices></View>"}""", "application/json"),
            "update.name" => ("update", $$$"""{"name":{{{s}}}}""", "application/json"),
            "update.instructions" => ("update", $$$"""{"instructions":{{{s}}}}""", "application/json"),
            "result" => ("annotate", $$$"""{"result":[{"id":"r","from_name":"label","to_name":"text","type":"choices","value":{"choices":[{{{s}}}]}}]}""", "application/json"),
            "import unique_id" => ("import", $$$"""{"unique_id":{{{s}}},"data":{"text":"t"}}""", "application/x-ndjson"),
            "import batch" => ("import", $$$"""{"batch":{{{s}}},"data":{"text":"t"}}""", "application/x-ndjson"),
            "import data" => ("import", $$$"""{"data":{"text":{{{s}}}}}""", "application/x-ndjson"),
            "import data key" => ("import", $$$"""{"data":{{{{s}}}:"t"}}""", "application/x-ndjson"),
            "import flat data" => ("import", $$$"""{"text":{{{s}}}}""", "application/x-ndjson"),
            "import meta" => ("import", $$$"""{"data":{"text":"t"},"meta":{"m":{{{s}}}}}""", "application/x-ndjson"),
            "import annotations" => ("import", $$$"""{"data":{"text":"t"},"annotations":[{"result":[{"value":{"text":[{{{s}}}]}}]}]}""", "application/x-ndjson"),
            "import predictions" => ("import", $$$"""{"data":{"text":"t"},"predictions":[{"result":[],"model_version":{{{s}}}}]}""", "application/x-ndjson"),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown field"),
        };

        var problem = await BadInputAssert.RefusedAsync(
            target,
            client => endpoint == "import"
                ? client.ImportAsync(target.ProjectId, "{\"data\":{\"text\":\"fine\"}}\n" + body, contentType)
                : BadInputJsonTests.SendAsync(target, client, endpoint, body, contentType),
            HttpStatusCode.BadRequest);

        var expected = field.Replace("update.", string.Empty, StringComparison.Ordinal).Replace("import ", string.Empty, StringComparison.Ordinal)
            .Replace("flat data", "data", StringComparison.Ordinal).Replace("data key", "data", StringComparison.Ordinal);
        Assert.Contains(expected, BadInputAssert.Where(problem), StringComparison.Ordinal);
        if (endpoint == "import")
        {
            Assert.Equal(2, problem["line"]!.GetValue<long>());
        }
    }

    public static TheoryData<string, string> UnstorableCsv()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            data.Add(provider, "text,unique_id\na,1\nb\0c,2\n");
            data.Add(provider, "text,unique_id\na,1\nb,\0\n");
            data.Add(provider, "text,unique_id,batch\na,1,x\nb,2,\0\n");
            data.Add(provider, "te\0xt,unique_id\na,1\n");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnstorableCsv))]
    public async Task Import_CsvWithNul_Returns400WithTheLine(string provider, string csv)
    {
        var target = await apps.GetAsync(provider);

        var problem = await BadInputAssert.RefusedAsync(target, client => client.ImportAsync(target.ProjectId, csv, "text/csv"), HttpStatusCode.BadRequest);

        Assert.Equal(csv.StartsWith("te\0", StringComparison.Ordinal) ? 1 : 3, problem["line"]!.GetValue<long>());
        Assert.Contains("NUL", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UnstorableQueries()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var query in new[] { "tasks?batch=%00", "tasks?unique_id=a%00b", "tasks?status=%00", "tasks?batch=%ED%A0%80", "import?batch=x%00" })
            {
                data.Add(provider, query);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnstorableQueries))]
    public async Task Query_WithNulOrBadEncoding_IsAnsweredWithoutA500(string provider, string query)
    {
        var target = await apps.GetAsync(provider);
        var before = await target.SnapshotAsync();
        using var content = new StringContent("{\"data\":{\"text\":\"t\"}}", Encoding.UTF8, "application/x-ndjson");

        using var response = query.StartsWith("import", StringComparison.Ordinal)
            ? await target.Client.PostAsync($"/api/v1/projects/{target.ProjectId}/{query}", content)
            : await target.Client.GetAsync($"/api/v1/projects/{target.ProjectId}/{query}");

        if (response.StatusCode == HttpStatusCode.OK)
        {
            // A percent-encoded byte that is not UTF-8 decodes to U+FFFD, which no stored value has.
            Assert.Contains("%ED%A0%80", query, StringComparison.Ordinal);
            Assert.Empty((await response.JsonAsync())["items"]!.AsArray());
        }
        else
        {
            var problem = await BadInputAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.NotEmpty(BadInputAssert.Where(problem));
        }

        Assert.Equal(before, await target.SnapshotAsync());
    }

    /// <summary>A choice of the value itself, when XML can carry it: attribute values normalise white space and refuse control characters.</summary>
    private static string ChoiceFor(string value) => value.Any(char.IsControl) ? "x" : value;

    private static string Config(string value) =>
        $"""<View><Text name="text" value="$text"/><Choices name="label" toName="text"><Choice value="{SecurityElement.Escape(ChoiceFor(value))}"/><Choice value="{(ChoiceFor(value) == "x" ? "y" : "x")}"/></Choices></View>""";

    private static string Line(JsonObject task) => task.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
