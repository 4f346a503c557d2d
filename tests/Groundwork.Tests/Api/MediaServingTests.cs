using System.Net;
using System.Net.Http.Headers;
using Groundwork.Core.Storage;
using Groundwork.Tests.Infrastructure;
using Groundwork.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Groundwork.Tests.Queue.QueueTestKit;

namespace Groundwork.Tests.Api;

/// <summary>
/// <c>GET /api/v1/projects/{id}/media/{name}</c>: who may fetch what, ranges for seeking, caching headers, and never
/// active content inline; on the local store and on an S3 bucket (s3rver), which Groundwork streams through.
/// </summary>
public sealed class MediaServingTests
{
    public static TheoryData<string> Stores => new() { "local", "s3" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Range_Returns206WithTheRequestedBytes_AndConditionalRequestsGet304(string store)
    {
        await using var app = await StartAsync(store);
        var project = (await app.Client.CreateProjectAsync(labelConfig: AudioConfig)).Id();
        var wav = Wav(40_000);
        var url = await ImportOneAsync(app, project, "clip.wav", wav);

        var whole = await app.Client.GetAsync(url);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(30_000, 30_099);
        var part = await app.Client.SendAsync(ranged);
        using var tail = new HttpRequestMessage(HttpMethod.Get, url);
        tail.Headers.Range = new RangeHeaderValue(null, 10);
        var end = await app.Client.SendAsync(tail);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        var notModified = await app.Client.SendAsync(conditional);
        using var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, url);
        unsatisfiable.Headers.Range = new RangeHeaderValue(wav.Length + 10, null);
        var outside = await app.Client.SendAsync(unsatisfiable);

        await whole.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(wav, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal("audio/wav", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", Assert.Single(whole.Headers.AcceptRanges));
        Assert.NotNull(whole.Content.Headers.LastModified);
        Assert.Equal(["nosniff"], whole.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("sandbox", string.Join(' ', whole.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 30000-30099/{wav.Length}", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(wav[30_000..30_100], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, end.StatusCode);
        Assert.Equal(wav[^10..], await end.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, outside.StatusCode);
    }

    [Fact]
    public async Task Annotator_FetchesOnlyMediaOfTasksLeasedToThem()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync(labelConfig: MediaImportTests.ImageConfig)).Id();
        var zip = TestZips.Build(("a.png", TestZips.Png(1)), ("b.png", TestZips.Png(2))).ToArray();
        await (await MediaImportTests.PostZipAsync(app.Client, project, zip)).ExpectAsync(HttpStatusCode.OK);
        var urls = (await app.Client.GetJsonAsync($"/api/v1/projects/{project}/tasks"))["items"]!.AsArray().Select(t => t!["data"]!["image"]!.GetValue<string>()).ToList();
        var (_, annotator) = await AnnotatorAsync(app, project, "annotator@example.com");
        var (_, reviewer) = await AnnotatorAsync(app, project, "reviewer@example.com", "reviewer");
        var (_, outsider) = await app.CreateUserAsync("outsider@example.com");
        var otherProject = (await app.Client.CreateProjectAsync(labelConfig: MediaImportTests.ImageConfig)).Id();
        var (_, otherManager) = await AnnotatorAsync(app, otherProject, "other@example.com", "manager");

        var beforeLease = await annotator.GetAsync(urls[0]);
        var leased = (await annotator.NextAsync(project))!;
        var leasedUrl = leased["task"]!["data"]!["image"]!.GetValue<string>();
        var notLeasedUrl = urls.Single(u => u != leasedUrl);

        await beforeLease.ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await annotator.GetAsync(leasedUrl)).ExpectAsync(HttpStatusCode.OK);
        await (await annotator.GetAsync(notLeasedUrl)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await reviewer.GetAsync(notLeasedUrl)).ExpectAsync(HttpStatusCode.OK);
        await (await outsider.GetAsync(leasedUrl)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await otherManager.GetAsync(leasedUrl)).ExpectProblemAsync(HttpStatusCode.NotFound);
        // The same name under another project's id is another project's media: none there.
        await (await otherManager.GetAsync(leasedUrl.Replace($"/projects/{project}/", $"/projects/{otherProject}/", StringComparison.Ordinal))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await app.CreateClient(null).GetAsync(leasedUrl)).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("evil.svg")]
    [InlineData("page.html")]
    [InlineData("script.js")]
    [InlineData("noextension")]
    public async Task ActiveOrUnknownContent_IsNeverServedInline(string name)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync(labelConfig: MediaImportTests.ImageConfig)).Id();
        await app.Services.GetRequiredService<IBlobStore>().PutAsync(
            MediaKeys.BlobKey(project, name), new MemoryStream("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"u8.ToArray()), "image/svg+xml", CancellationToken.None);

        var response = await app.Client.GetAsync($"/api/v1/projects/{project}/media/{name}");

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("..%2F..%2Fgroundwork.db")]
    [InlineData("a%5C..%5Cb.png")]
    [InlineData("missing.png")]
    public async Task BadOrMissingNames_Are404(string name)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync(labelConfig: MediaImportTests.ImageConfig)).Id();

        await (await app.Client.GetAsync($"/api/v1/projects/{project}/media/{name}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task S3Store_HoldsTheExactBytesUnderTheProjectsMediaKey_WithItsContentType()
    {
        await using var app = await StartAsync("s3");
        var project = (await app.Client.CreateProjectAsync(labelConfig: MediaImportTests.ImageConfig)).Id();
        var png = TestZips.Png(42);

        var url = await ImportOneAsync(app, project, "x.png", png);

        using var client = S3TestServer.CreateClient(S3TestServer.RequireEndpoint());
        var key = "gw/" + MediaKeys.BlobKey(project, url[(url.LastIndexOf('/') + 1)..]);
        using var stored = await client.GetObjectAsync(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Groundwork.Hosting.BlobOptions>>().Value.Bucket, key);
        var bytes = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(bytes);
        Assert.Equal(png, bytes.ToArray());
        Assert.Equal("image/png", stored.Headers.ContentType);
    }

    internal const string AudioConfig = """<View><Audio name="audio" value="$audio"/><Labels name="l" toName="audio"><Label value="speech"/></Labels></View>""";

    private static async Task<TestApp> StartAsync(string store)
    {
        if (store == "local")
        {
            return await TestApp.StartAsync("sqlite");
        }

        var bucket = await S3TestServer.CreateBucketAsync();
        return await TestApp.StartAsync("sqlite", new Dictionary<string, string?>
        {
            ["Groundwork:Blobs:Provider"] = "s3",
            ["Groundwork:Blobs:Endpoint"] = S3TestServer.RequireEndpoint().ToString(),
            ["Groundwork:Blobs:Bucket"] = bucket,
            ["Groundwork:Blobs:AccessKey"] = S3TestServer.AccessKey,
            ["Groundwork:Blobs:SecretKey"] = S3TestServer.SecretKey,
            ["Groundwork:Blobs:Prefix"] = "gw/",
        });
    }

    private static async Task<string> ImportOneAsync(TestApp app, long project, string name, byte[] bytes)
    {
        var response = await MediaImportTests.PostZipAsync(app.Client, project, TestZips.Build((name, bytes)).ToArray());
        await response.ExpectAsync(HttpStatusCode.OK);
        var task = (await app.Client.GetJsonAsync($"/api/v1/projects/{project}/tasks"))["items"]![0]!;
        return task["data"]!.AsObject().Single().Value!.GetValue<string>();
    }

    private static byte[] Wav(int samples)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            w.Write("RIFF"u8);
            w.Write(36 + samples * 2);
            w.Write("WAVEfmt "u8);
            w.Write(16);
            w.Write((short)1);
            w.Write((short)1);
            w.Write(8000);
            w.Write(16000);
            w.Write((short)2);
            w.Write((short)16);
            w.Write("data"u8);
            w.Write(samples * 2);
            for (var i = 0; i < samples; i++)
            {
                w.Write((short)(Math.Sin(i / 3.0) * 12000));
            }
        }

        return stream.ToArray();
    }
}
