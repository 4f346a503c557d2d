using System.Security.Cryptography;
using System.Text.Json;
using Groundwork.Core.Import;
using Groundwork.Formats.Import;
using Groundwork.Formats.LabelConfigs;
using Groundwork.Formats.Media;
using Groundwork.Testing;

namespace Groundwork.Formats.Tests.Media;

public sealed class MediaImporterTests : IDisposable
{
    private const string ImageConfig = """<View><Image name="img" value="$image"/><Choices name="c" toName="img"><Choice value="a"/></Choices></View>""";
    private readonly string _scratch = Directory.CreateTempSubdirectory("groundwork-media-test-").FullName;
    private readonly MemoryBlobStore _blobs = new();

    [Fact]
    public async Task EachImage_BecomesOneTask_WithItsMediaUrlInTheConfigVariable_AndTheExactBytesStored()
    {
        var pngs = Enumerable.Range(0, 3).Select(TestZips.Png).ToArray();
        using var zip = TestZips.Build(("a.png", pngs[0]), ("sub/b.PNG", pngs[1]), ("c.jpg", pngs[2]), ("notes.md", "# notes"u8.ToArray()));
        using var source = ZipMediaSource.Open(zip, MediaImportLimits.Default);

        var (tasks, summary) = await ImportAsync(source, ImageConfig);

        Assert.Equal(3, tasks.Count);
        Assert.Equal(3, summary.Files);
        Assert.Equal(3, summary.BlobsStored);
        Assert.Equal(["notes.md"], summary.Skipped);
        for (var i = 0; i < 3; i++)
        {
            var hex = Convert.ToHexStringLower(SHA256.HashData(pngs[i]));
            var extension = i == 2 ? ".jpg" : ".png";
            using var data = JsonDocument.Parse(tasks[i].DataJson);
            Assert.Equal($"/api/v1/projects/7/media/{hex}{extension}", data.RootElement.GetProperty("image").GetString());
            Assert.Equal("sha256:" + hex, tasks[i].UniqueId);
            Assert.Equal(pngs[i], _blobs[$"projects/7/media/{hex}{extension}"]);
        }

        using var meta = JsonDocument.Parse(tasks[1].MetadataJson!);
        Assert.Equal("sub/b.PNG", meta.RootElement.GetProperty("file").GetString());
        Assert.Equal(pngs[1].Length, meta.RootElement.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task ImportingTheSameFilesAgain_ReusesTheStoredBlobs()
    {
        using var first = ZipMediaSource.Open(TestZips.Build(("a.png", TestZips.Png(1)), ("b.png", TestZips.Png(2))), MediaImportLimits.Default);
        using var second = ZipMediaSource.Open(TestZips.Build(("renamed.png", TestZips.Png(1)), ("b.png", TestZips.Png(2))), MediaImportLimits.Default);

        var (tasks1, _) = await ImportAsync(first, ImageConfig);
        var (tasks2, summary) = await ImportAsync(second, ImageConfig);

        Assert.Equal(2, _blobs.Puts);
        Assert.Equal(2, summary.BlobsReused);
        Assert.Equal(tasks1.Select(t => t.UniqueId), tasks2.Select(t => t.UniqueId));
    }

    [Fact]
    public async Task AFileTheConfigCannotShow_RefusesTheImport_BeforeAnythingIsStored()
    {
        using var source = ZipMediaSource.Open(TestZips.Build(("a.png", TestZips.Png(1)), ("voice.wav", [1, 2, 3])), MediaImportLimits.Default);

        var error = await Assert.ThrowsAsync<MediaImportException>(() => ImportAsync(source, ImageConfig));

        Assert.Equal("voice.wav", error.Entry);
        Assert.Contains("no <Audio> tag", error.Message, StringComparison.Ordinal);
        Assert.Empty(_blobs.Keys);
    }

    [Fact]
    public async Task AudioFiles_FillTheAudioVariable()
    {
        const string config = """<View><Audio name="audio" value="$recording"/><Labels name="l" toName="audio"><Label value="speech"/></Labels></View>""";
        using var source = ZipMediaSource.Open(TestZips.Build(("clip.wav", [82, 73, 70, 70]), ("song.mp3", [73, 68, 51])), MediaImportLimits.Default);

        var (tasks, _) = await ImportAsync(source, config);

        Assert.All(tasks, t => Assert.StartsWith("""{"recording":"/api/v1/projects/7/media/""", t.DataJson, StringComparison.Ordinal));
        Assert.Equal(["audio/wav", "audio/mpeg"], _blobs.Keys.Order(StringComparer.Ordinal).Select(k => MediaTypes.Of(k)!.ContentType).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task AnEntryThatInflatesPastItsDeclaredSize_IsRefused()
    {
        using var zip = TestZips.WithDeclaredSize(TestZips.Build(("bomb.png", new byte[50_000])), 100);
        using var source = ZipMediaSource.Open(zip, MediaImportLimits.Default);

        var error = await Assert.ThrowsAsync<MediaImportException>(() => ImportAsync(source, ImageConfig));

        Assert.Equal("bomb.png", error.Entry);
    }

    [Fact]
    public async Task TwoImageTagsWithDifferentVariables_AreAmbiguous()
    {
        const string config = """<View><Image name="left" value="$left"/><Image name="right" value="$right"/><Pairwise name="p" toName="left,right"/></View>""";
        using var source = ZipMediaSource.Open(TestZips.Build(("a.png", TestZips.Png(1))), MediaImportLimits.Default);

        var error = await Assert.ThrowsAsync<MediaImportException>(() => ImportAsync(source, config));

        Assert.Contains("$left, $right", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolder_IsReadInPathOrder_AndLinksAreNotFollowed()
    {
        var folder = Directory.CreateTempSubdirectory("groundwork-media-folder-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "b"));
            await File.WriteAllBytesAsync(Path.Combine(folder, "b", "2.png"), TestZips.Png(2), TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(folder, "1.png"), TestZips.Png(1), TestContext.Current.CancellationToken);
            var outside = Path.Combine(_scratch, "outside.png");
            await File.WriteAllBytesAsync(outside, TestZips.Png(3), TestContext.Current.CancellationToken);
            File.CreateSymbolicLink(Path.Combine(folder, "link.png"), outside);
            Directory.CreateSymbolicLink(Path.Combine(folder, "linked-folder"), _scratch);
            using var source = FolderMediaSource.Open(folder, MediaImportLimits.Default);

            var (tasks, _) = await ImportAsync(source, ImageConfig);

            Assert.Equal(["1.png", "b/2.png"], source.Entries.Select(e => e.Path));
            Assert.Equal(2, tasks.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private async Task<(List<ImportTask> Tasks, MediaImportSummary Summary)> ImportAsync(IMediaSource source, string config)
    {
        var tasks = new List<ImportTask>();
        var importer = new MediaImporter(_blobs, MediaImportLimits.Default, _scratch);
        var summary = await importer.ImportAsync(7, source, MediaTargets.From(LabelConfigParser.Parse(config).Config!), ImportDefaults.None, (t, _) => tasks.Add(t), null, CancellationToken.None);
        return (tasks, summary);
    }
}
