using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Groundwork.Tests.Infrastructure;
using Groundwork.Testing;

namespace Groundwork.Tests.Api;

/// <summary>Zips of media and URL lists through the import API, and the label config's variables checked on every reader.</summary>
public sealed class MediaImportTests
{
    internal const string ImageConfig = """<View><Image name="img" value="$image"/><RectangleLabels name="box" toName="img"><Label value="Car"/></RectangleLabels></View>""";

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Zip_OneTaskPerImage_PointingAtMediaThatServesTheExactBytes_AndReimportIsSkipped(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = (await app.Client.CreateProjectAsync(labelConfig: ImageConfig)).Id();
        var pngs = Enumerable.Range(0, 5).Select(TestZips.Png).ToArray();
        var zip = TestZips.Build([.. pngs.Select((png, i) => ($"photos/{i}.png", png)), ("photos/readme.txt", "not media"u8.ToArray())]).ToArray();

        var first = await (await PostZipAsync(app.Client, project, zip)).JsonAsync();
        var second = await (await PostZipAsync(app.Client, project, zip)).JsonAsync();

        Assert.Equal(5, first["created"]!.GetValue<long>());
        Assert.Equal(5, first["media"]!["files"]!.GetValue<long>());
        Assert.Equal(5, first["media"]!["blobs_stored"]!.GetValue<long>());
        Assert.Equal("photos/readme.txt", first["media"]!["skipped"]![0]!.GetValue<string>());
        Assert.Equal(0, second["created"]!.GetValue<long>());
        Assert.Equal(5, second["skipped"]!.GetValue<long>());
        Assert.Equal(5, second["media"]!["blobs_reused"]!.GetValue<long>());
        var tasks = (await app.Client.GetJsonAsync($"/api/v1/projects/{project}/tasks"))["items"]!.AsArray();
        Assert.Equal(5, tasks.Count);
        foreach (var task in tasks)
        {
            var url = task!["data"]!["image"]!.GetValue<string>();
            var file = task["meta"]!["file"]!.GetValue<string>();
            var png = pngs[int.Parse(file["photos/".Length..^".png".Length], System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal($"/api/v1/projects/{project}/media/{Convert.ToHexStringLower(SHA256.HashData(png))}.png", url);
            Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(png)), task["unique_id"]!.GetValue<string>());
            var media = await app.Client.GetAsync(url);
            await media.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("image/png", media.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await media.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Zip_AsAMultipartFile_IsImportedToo()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync(labelConfig: ImageConfig)).Id();
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(TestZips.Build(("a.png", TestZips.Png(1)), ("b.jpg", TestZips.Png(2))).ToArray()), "file", "C:\\Users\\me\\images.zip");

        var response = await app.Client.PostAsync($"/api/v1/projects/{project}/import?batch=upload", form);

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await response.JsonAsync())["created"]!.GetValue<long>());
        Assert.Equal(2, (await app.Client.GetJsonAsync($"/api/v1/projects/{project}/tasks?batch=upload"))["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("../../escape.png")]
    [InlineData("/abs/escape.png")]
    [InlineData("dir\\escape.png")]
    [InlineData("C:/escape.png")]
    public async Task HostileZip_Returns400NamingTheEntry_AndStoresNoTaskAndNoBlob(string hostile)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync(labelConfig: ImageConfig)).Id();
        var zip = TestZips.Build(("fine.png", TestZips.Png(1)), (hostile, TestZips.Png(2))).ToArray();

        var problem = await (await PostZipAsync(app.Client, project, zip)).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(hostile, problem["entry"]!.GetValue<string>());
        Assert.Contains(hostile, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await ImportTests.CountTasksAsync(app, project));
        Assert.Empty(BlobFiles(app));
    }

    [Fact]
    public async Task ZipBomb_OverTheConfiguredLimits_Returns400NamingTheEntry()
    {
        await using var app = await TestApp.StartAsync("sqlite", new Dictionary<string, string?> { ["Groundwork:Media:MaxTotalBytes"] = "1000000", ["Groundwork:Media:MaxEntries"] = "10" });
        var project = (await app.Client.CreateProjectAsync(labelConfig: ImageConfig)).Id();

        var bomb = await (await PostZipAsync(app.Client, project, TestZips.Build(("ok.png", TestZips.Png(1)), ("zeros.png", new byte[20_000_000])).ToArray())).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var many = await (await PostZipAsync(app.Client, project, TestZips.Build([.. Enumerable.Range(0, 11).Select(i => ($"{i}.png", TestZips.Png(i)))]).ToArray())).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("zeros.png", bomb["entry"]!.GetValue<string>());
        Assert.Contains("11 entries", many["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await ImportTests.CountTasksAsync(app, project));
        Assert.Empty(BlobFiles(app));
    }

    [Fact]
    public async Task Zip_WhoseTasksLackAnotherVariable_IsRefusedNamingIt_AndNoTaskIsStored()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        const string config = """<View><Image name="img" value="$image"/><Text name="caption" value="$caption"/><Choices name="ok" toName="img"><Choice value="yes"/></Choices></View>""";
        var project = (await app.Client.CreateProjectAsync(labelConfig: config)).Id();

        var problem = await (await PostZipAsync(app.Client, project, TestZips.Build(("a.png", TestZips.Png(1))).ToArray())).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("data.caption", problem["field"]!.GetValue<string>());
        Assert.Contains("\"a.png\"", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await ImportTests.CountTasksAsync(app, project));
    }

    [Fact]
    public async Task Zip_WithAudioForAnImageConfig_IsRefusedNamingTheFile()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync(labelConfig: ImageConfig)).Id();

        var problem = await (await PostZipAsync(app.Client, project, TestZips.Build(("a.png", TestZips.Png(1)), ("talk.mp3", [1, 2, 3])).ToArray())).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("talk.mp3", problem["entry"]!.GetValue<string>());
        Assert.Empty(BlobFiles(app));
    }

    [Fact]
    public async Task NotAZip_Returns400()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync(labelConfig: ImageConfig)).Id();

        var problem = await (await PostZipAsync(app.Client, project, "PK but not really"u8.ToArray())).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("not a zip", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task UriList_OneTaskPerUrl_InTheObjectVariable_IdempotentByUrl(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = (await app.Client.CreateProjectAsync(labelConfig: ImageConfig)).Id();
        const string list = "# week 1\r\nhttps://img.example.com/a.jpg\r\nhttps://img.example.com/b.jpg\r\n";

        var first = await (await app.Client.ImportAsync(project, list, "text/uri-list")).JsonAsync();
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(list + "https://img.example.com/c.jpg\n")), "file", "urls.txt");
        var second = await (await app.Client.PostAsync($"/api/v1/projects/{project}/import", form)).JsonAsync();

        Assert.Equal(2, first["created"]!.GetValue<long>());
        Assert.Equal(1, second["created"]!.GetValue<long>());
        Assert.Equal(2, second["skipped"]!.GetValue<long>());
        var tasks = (await app.Client.GetJsonAsync($"/api/v1/projects/{project}/tasks"))["items"]!.AsArray();
        Assert.Equal(["https://img.example.com/a.jpg", "https://img.example.com/b.jpg", "https://img.example.com/c.jpg"], tasks.Select(t => t!["data"]!["image"]!.GetValue<string>()));
    }

    [Fact]
    public async Task UriList_WithANonHttpUrl_Returns400WithItsLine_AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync(labelConfig: ImageConfig)).Id();

        var problem = await (await app.Client.ImportAsync(project, "https://a.example.com/1.jpg\nfile:///etc/passwd\n", "text/uri-list")).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(2, problem["line"]!.GetValue<long>());
        Assert.Contains("\"file\"", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await ImportTests.CountTasksAsync(app, project));
    }

    [Fact]
    public async Task UriList_ForAConfigReadingSeveralVariables_SaysWhichItReads()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        const string config = """<View><Text name="a" value="$question"/><Text name="b" value="$answer"/><Choices name="c" toName="a"><Choice value="x"/></Choices></View>""";
        var project = (await app.Client.CreateProjectAsync(labelConfig: config)).Id();

        var problem = await (await app.Client.ImportAsync(project, "https://a.example.com/1\n", "text/uri-list")).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("$question, $answer", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/x-ndjson", "{\"data\":{\"text\":\"fine\"}}\n{\"data\":{\"txt\":\"typo\"}}\n", 2, 2)]
    [InlineData("application/json", "[{\"text\":\"fine\"},\n{\"data\":{\"text\":null}}]", 2, 2)]
    [InlineData("text/csv", "text,label\nfine,a\n", 0, 0)]
    [InlineData("text/csv", "body,label\nno text column,a\n", 1, 2)]
    [InlineData("text/tab-separated-values", "txt\nwrong column\n", 1, 2)]
    public async Task EveryReader_ChecksTheConfigVariables_NamingTheTaskAndTheVariable(string contentType, string body, int badTask, int badLine)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync()).Id(); // reads $text

        var response = await app.Client.ImportAsync(project, body, contentType);

        if (badTask == 0)
        {
            await response.ExpectAsync(HttpStatusCode.OK);
            return;
        }

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(badLine, problem["line"]!.GetValue<long>());
        Assert.Equal("data.text", problem["field"]!.GetValue<string>());
        Assert.Contains($"task {badTask} has no \"text\"", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await ImportTests.CountTasksAsync(app, project));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task VariableCheck_RefusesTheWholeImport_OnEitherProvider(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = (await app.Client.CreateProjectAsync()).Id();
        var body = string.Join('\n', Enumerable.Range(0, 100).Select(i => i == 73 ? """{"data":{"title":"no text"}}""" : $$$"""{"data":{"text":"t{{{i}}}"}}"""));

        var problem = await (await app.Client.ImportAsync(project, body)).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(74, problem["line"]!.GetValue<long>());
        Assert.Equal(0, await ImportTests.CountTasksAsync(app, project));
    }

    internal static async Task<HttpResponseMessage> PostZipAsync(HttpClient client, long project, byte[] zip)
    {
        using var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await client.PostAsync($"/api/v1/projects/{project}/import", content);
    }

    private static string[] BlobFiles(TestApp app)
    {
        var root = Path.Combine(app.DataDirectory, "blobs");
        return Directory.Exists(root) ? [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.partial/", StringComparison.Ordinal))] : [];
    }
}
