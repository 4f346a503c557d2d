using System.Net;
using System.Text;
using Groundwork.Tests.Api;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Security;

/// <summary>Hostile imports: a 4xx problem with the line (and field) at fault, and not one task stored.</summary>
public sealed class BadInputImportTests(BadInputApps apps) : IClassFixture<BadInputApps>
{
    private const string Ok = """{"data":{"text":"fine"}}""";

    public static TheoryData<string, string, string, int, string?> MalformedImports()
    {
        var data = new TheoryData<string, string, string, int, string?>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var (contentType, body, line, field) in Cases())
            {
                data.Add(provider, contentType, body, line, field);
            }
        }

        return data;
    }

    private static IEnumerable<(string ContentType, string Body, int Line, string? Field)> Cases()
    {
        const string jsonl = "application/x-ndjson";
        const string json = "application/json";
        const string csv = "text/csv";

        // A broken line in the middle of otherwise good input.
        yield return (jsonl, $"{Ok}\n{Ok}\n{{\"data\":{{\"text\": broken}}}}\n{Ok}\n{Ok}\n", 3, null);
        yield return (jsonl, $"{Ok}\n{Ok}\n{{\"data\":{{\"text\":\"cut", 3, null);
        yield return (jsonl, $"{Ok}\n{Ok} trailing\n", 2, null);
        yield return (jsonl, $"{Ok}\n\n\n[{Ok}]\n", 4, null);
        yield return (jsonl, $"{Ok}\n{Ok.Replace("fine", "a\u0001b", StringComparison.Ordinal)}\n", 2, null);
        yield return (json, $"[\n{Ok},\n{Ok},\n{{\"data\": oops}},\n{Ok}\n]", 4, null);
        yield return (json, $"[\n{Ok},\n{Ok}\n", 3, null);
        yield return (json, $"[{Ok}] [{Ok}]", 1, null);
        yield return (json, $"[{Ok},\n 5]", 2, null);
        yield return (json, $"[{Ok},\n \"text\"]", 2, null);
        yield return (json, $"[{Ok},]", 1, null);
        yield return (json, "", 1, null);
        yield return (json, "{}", 1, null);

        // Wrong types for every field of a task object.
        foreach (var (task, field) in new[]
        {
            ("""{"data":"text"}""", "data"), ("""{"data":[1]}""", "data"), ("""{"data":5}""", "data"), ("""{"data":null}""", "data"),
            ("""{"data":{},"unique_id":{"a":1}}""", "unique_id"), ("""{"data":{},"unique_id":true}""", "unique_id"),
            ("""{"data":{},"unique_id":1.5}""", "unique_id"), ("""{"data":{},"unique_id":""}""", "unique_id"),
            ($$"""{"data":{},"unique_id":"{{new string('u', 513)}}"}""", "unique_id"),
            ("""{"data":{},"meta":[1]}""", "meta"), ("""{"data":{},"meta":"m"}""", "meta"),
            ("""{"data":{},"priority":"high"}""", "priority"), ("""{"data":{},"priority":1.5}""", "priority"),
            ("""{"data":{},"priority":99999999999}""", "priority"), ("""{"data":{},"priority":null}""", "priority"),
            ("""{"data":{},"batch":5}""", "batch"), ("""{"data":{},"batch":{"b":1}}""", "batch"),
            ("""{"data":{},"annotations":{}}""", "annotations"), ("""{"data":{},"annotations":[1]}""", "annotations[0]"),
            ("""{"data":{},"annotations":[{}]}""", "annotations[0].result"), ("""{"data":{},"annotations":[{"result":{}}]}""", "annotations[0].result"),
            ("""{"data":{},"predictions":"p"}""", "predictions"), ("""{"data":{},"predictions":[{"result":"r"}]}""", "predictions[0].result"),
        })
        {
            yield return (jsonl, $"{Ok}\n{task}\n", 2, field);
            yield return (json, $"[{Ok},\n{task}]", 2, field);
        }

        // Nesting deeper than the limit.
        yield return (jsonl, $"{Ok}\n{{\"data\":{{\"deep\":{new string('[', 1000)}{new string(']', 1000)}}}}}\n", 2, null);
        yield return (json, $"[{Ok},\n{{\"data\":{{\"deep\":{new string('[', 1000)}{new string(']', 1000)}}}}}]", 2, null);

        // CSV: wrong quoting, ragged rows, a bad header, a bad reserved column.
        yield return (csv, "text,label\na,b\n\"unterminated,c\n", 3, null);
        yield return (csv, "text,label\na,b\nx\"y\"z,\"c\"d\n", 3, null);
        yield return (csv, "text,label\na,b\nc\nd,e\n", 3, null);
        yield return (csv, "text,label\na,b\nc,d,e\n", 3, null);
        yield return (csv, "text,text\na,b\n", 1, "text");
        yield return (csv, "text,,label\na,b,c\n", 1, "column 2");
        yield return (csv, "text,priority\na,1\nb,high\n", 3, "priority");
        yield return ("text/tab-separated-values", "text\tlabel\na\tb\nc\n", 3, null);
    }

    [Theory]
    [MemberData(nameof(MalformedImports))]
    public async Task Import_Malformed_Returns400WithTheLineAndStoresNothing(string provider, string contentType, string body, int line, string? field)
    {
        var target = await apps.GetAsync(provider);

        var problem = await BadInputAssert.RefusedAsync(target, client => client.ImportAsync(target.ProjectId, body, contentType), HttpStatusCode.BadRequest);

        Assert.Equal(line, problem["line"]!.GetValue<long>());
        Assert.Contains($"Line {line}", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Equal(field, problem["field"]?.GetValue<string>());
        }
    }

    public static TheoryData<string, byte[], int> BadEncodings()
    {
        var data = new TheoryData<string, byte[], int>();
        byte[][] invalid = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]];
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var bytes in invalid)
            {
                data.Add(provider, [.. "text,label\na,b\nc,d"u8, .. bytes, .. "e\nf,g\n"u8], 3);
                data.Add(provider, [.. "text,label\na,b\nc,d\n"u8, .. bytes], 4);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadEncodings))]
    public async Task Import_CsvWithInvalidUtf8_Returns400WithTheLine(string provider, byte[] body, int line)
    {
        var target = await apps.GetAsync(provider);

        var problem = await BadInputAssert.RefusedAsync(target, client => PostAsync(client, target.ProjectId, body, "text/csv"), HttpStatusCode.BadRequest);

        Assert.Equal(line, problem["line"]!.GetValue<long>());
        Assert.Contains("UTF-8", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_JsonWithInvalidUtf8_Returns400WithTheLine(string provider)
    {
        var target = await apps.GetAsync(provider);
        byte[] body = [.. Encoding.UTF8.GetBytes(Ok + "\n{\"data\":{\"text\":\"a"), 0xFF, .. "\"}}\n"u8];

        var problem = await BadInputAssert.RefusedAsync(target, client => PostAsync(client, target.ProjectId, body, "application/x-ndjson"), HttpStatusCode.BadRequest);

        Assert.Equal(2, problem["line"]!.GetValue<long>());
    }

    public static TheoryData<string, string?> WrongContentTypes()
    {
        var data = new TheoryData<string, string?>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var type in new[] { null, "text/plain", "application/xml", "application/octet-stream", "image/png", "application/json-patch+json" })
            {
                data.Add(provider, type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongContentTypes))]
    public async Task Import_WrongOrMissingContentType_Returns415NamingTheSupportedOnes(string provider, string? contentType)
    {
        var target = await apps.GetAsync(provider);

        var problem = await BadInputAssert.RefusedAsync(
            target, client => PostAsync(client, target.ProjectId, Encoding.UTF8.GetBytes(Ok), contentType), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("application/x-ndjson", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_BodyOverTheLimit_Returns413WithOrWithoutContentLength(string provider)
    {
        var target = await apps.GetAsync(provider);
        var body = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Repeat(Ok, (int)(BadInputApps.MaxImportBytes / Ok.Length) + 10)));

        await BadInputAssert.RefusedAsync(target, client => PostAsync(client, target.ProjectId, body, "application/x-ndjson"), HttpStatusCode.RequestEntityTooLarge);
        var problem = await BadInputAssert.RefusedAsync(
            target, client => PostAsync(client, target.ProjectId, body, "application/x-ndjson", chunked: true), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains(BadInputApps.MaxImportBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_MultipartWithoutBoundaryOrFile_Returns400(string provider)
    {
        var target = await apps.GetAsync(provider);
        using var noFile = new MultipartFormDataContent { { new StringContent("value"), "field" } };

        await BadInputAssert.RefusedAsync(target, client => PostAsync(client, target.ProjectId, Encoding.UTF8.GetBytes(Ok), "multipart/form-data"), HttpStatusCode.BadRequest);
        var problem = await BadInputAssert.RefusedAsync(target, client => client.PostAsync($"/api/v1/projects/{target.ProjectId}/import", noFile), HttpStatusCode.BadRequest);

        Assert.Contains("file", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_MultipartTruncated_Returns400(string provider)
    {
        var target = await apps.GetAsync(provider);
        var body = Encoding.UTF8.GetBytes("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.jsonl\"\r\n\r\n" + Ok + "\n");

        await BadInputAssert.RefusedAsync(target, client => PostAsync(client, target.ProjectId, body, "multipart/form-data; boundary=XYZ"), HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string> TraversalNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            foreach (var name in new[] { "../../etc/x.json", "..\\..\\etc\\x.json", "/etc/x.json", "spool/../../x.json", "%2e%2e%2fx.json", "x.csv%00.json" })
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TraversalNames))]
    public async Task Import_MultipartFileNameWithAPath_IsOnlyReadForItsExtensionAndWritesNothingThere(string provider, string fileName)
    {
        var target = await apps.GetAsync(provider);
        var project = await target.Client.CreateProjectAsync("traversal");
        var dataDirectory = target.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Groundwork.Hosting.StorageOptions>>().Value.DataDirectory;
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("[" + Ok + "]"));
        form.Add(file, "file", "tasks.json");
        file.Headers.ContentDisposition!.FileName = "\"" + fileName.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";
        file.Headers.ContentDisposition.FileNameStar = null;

        using var response = await target.Client.PostAsync($"/api/v1/projects/{project.Id()}/import", form);
        var body = await response.Content.ReadAsStringAsync();

        try
        {
            // Either imported by the extension it ends with, or refused as unsupported: never read or written as a path.
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnsupportedMediaType, body);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await BadInputAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
                Assert.DoesNotContain("..", body, StringComparison.Ordinal);
            }

            Assert.Equal(response.StatusCode == HttpStatusCode.OK ? 1 : 0, await ImportTests.CountTasksAsync(target.App, project.Id()));
            Assert.False(File.Exists("/etc/x.json"));
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataDirectory))!, "x.json")));
            Assert.Empty(Directory.EnumerateFiles(dataDirectory, "*x.json*", SearchOption.AllDirectories));
        }
        finally
        {
            await target.Client.DeleteAsync($"/api/v1/projects/{project.Id()}");
        }
    }

    [Theory]
    [InlineData("sqlite", "../../etc/passwd")]
    [InlineData("postgres", "../../etc/passwd")]
    [InlineData("sqlite", "..\\..\\etc\\passwd")]
    [InlineData("postgres", "C:\\Windows\\..\\win.ini")]
    public async Task Import_MultipartFileWithAnUnsupportedExtension_Returns415WithoutThePath(string provider, string fileName)
    {
        var target = await apps.GetAsync(provider);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("root:x:0:0"u8.ToArray()), "file", fileName } };

        var problem = await BadInputAssert.RefusedAsync(target, client => client.PostAsync($"/api/v1/projects/{target.ProjectId}/import", form), HttpStatusCode.UnsupportedMediaType);

        Assert.DoesNotContain("..", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("\\", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_MultipartWithABadSecondFile_StoresNothingFromTheFirst(string provider)
    {
        var target = await apps.GetAsync(provider);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Ok + "\n" + Ok)), "file", "good.jsonl" },
            { new ByteArrayContent("text\n\"open\n"u8.ToArray()), "file", "bad.csv" },
        };

        var problem = await BadInputAssert.RefusedAsync(target, client => client.PostAsync($"/api/v1/projects/{target.ProjectId}/import", form), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["line"]);
    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, long projectId, byte[] body, string? contentType, bool chunked = false, string query = "")
    {
        HttpContent content = chunked ? new StreamContent(new UnseekableStream(body)) : new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using (content)
        {
            return await client.PostAsync($"/api/v1/projects/{projectId}/import{query}", content);
        }
    }
}
