using System.Net;
using System.Security.Cryptography;
using Groundwork.Cli;
using Groundwork.Core.Projects;
using Groundwork.Core.Tasks;
using Groundwork.Data;
using Groundwork.Data.Providers;
using Groundwork.Data.Stores;
using Groundwork.Hosting;
using Groundwork.Tests.Api;
using Groundwork.Tests.Infrastructure;
using Groundwork.Testing;

namespace Groundwork.Tests.Cli;

/// <summary><c>groundwork import --folder</c> on the local store (both providers), and the folder zip the CLI streams to a server.</summary>
public sealed class ImportCommandTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("groundwork-cli-import-").FullName;
    private TemporaryDatabase? _database;

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task ImportFolder_StoresEachImageAsABlobAndATask_AndAgainSkipsThem(string provider)
    {
        var store = await StoreArgumentsAsync(provider);
        var images = Path.Combine(_folder, "images");
        Directory.CreateDirectory(Path.Combine(images, "day2"));
        var pngs = Enumerable.Range(0, 4).Select(TestZips.Png).ToArray();
        for (var i = 0; i < pngs.Length; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(images, i % 2 == 0 ? "day2" : string.Empty, $"{i}.png"), pngs[i], TestContext.Current.CancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(images, "README"), "not an image", TestContext.Current.CancellationToken);
        long projectId;
        using (var db = Open(provider))
        {
            db.Migrate();
            projectId = (await new SqlProjectStore(db, TimeProvider.System).CreateAsync(new ProjectDraft("cli", MediaImportTests.ImageConfig, string.Empty, 1), await AdminIdAsync(db), CancellationToken.None)).Id;
        }

        string[] arguments = ["import", "--project", projectId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--folder", images, .. store];
        var first = await GroundworkCli.Create().Parse(arguments).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        var second = await GroundworkCli.Create().Parse(arguments).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, first);
        Assert.Equal(0, second);
        using var check = Open(provider);
        var page = await new SqlTaskStore(check, TimeProvider.System).ListAsync(new TaskQuery(projectId), CancellationToken.None);
        Assert.Equal(4, page.Items.Count);
        foreach (var png in pngs)
        {
            var hex = Convert.ToHexStringLower(SHA256.HashData(png));
            Assert.Contains(page.Items, t => t.UniqueId == "sha256:" + hex && t.DataJson.Contains($"/api/v1/projects/{projectId}/media/{hex}.png", StringComparison.Ordinal));
            Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(_folder, "data", "blobs", "projects", projectId.ToString(System.Globalization.CultureInfo.InvariantCulture), "media", hex + ".png"), TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task FolderZip_StreamedToTheServer_IsImportedLikeAnUploadedZip()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = (await app.Client.CreateProjectAsync(labelConfig: MediaImportTests.ImageConfig)).Id();
        var images = Path.Combine(_folder, "upload");
        Directory.CreateDirectory(Path.Combine(images, "nested"));
        await File.WriteAllBytesAsync(Path.Combine(images, "a.png"), TestZips.Png(1), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(images, "nested", "b.png"), TestZips.Png(2), TestContext.Current.CancellationToken);
        var sent = 0L;

        using var content = new ZipFolderContent(images, files => sent = files);
        var response = await app.Client.PostAsync($"/api/v1/projects/{project}/import", content);

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, sent);
        Assert.Equal(2, (await response.JsonAsync())["created"]!.GetValue<long>());
        var tasks = (await app.Client.GetJsonAsync($"/api/v1/projects/{project}/tasks"))["items"]!.AsArray();
        Assert.Equal(["a.png", "nested/b.png"], tasks.Select(t => t!["meta"]!["file"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ImportFolder_OfAudioForAnImageProject_FailsAndImportsNothing()
    {
        var store = await StoreArgumentsAsync("sqlite");
        var audio = Path.Combine(_folder, "audio");
        Directory.CreateDirectory(audio);
        await File.WriteAllBytesAsync(Path.Combine(audio, "a.wav"), [1, 2, 3], TestContext.Current.CancellationToken);
        using (var db = Open("sqlite"))
        {
            db.Migrate();
            await new SqlProjectStore(db, TimeProvider.System).CreateAsync(new ProjectDraft("cli", MediaImportTests.ImageConfig, string.Empty, 1), await AdminIdAsync(db), CancellationToken.None);
        }

        var exit = await GroundworkCli.Create().Parse(["import", "--project", "1", "--folder", audio, .. store]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        using var check = Open("sqlite");
        Assert.Equal(0, await new SqlTaskStore(check, TimeProvider.System).CountAsync(1, CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string[]> StoreArgumentsAsync(string provider)
    {
        if (provider == "postgres")
        {
            _database = await PostgresServer.CreateDatabaseAsync();
            return ["--db", _database.ConnectionString, "--data-dir", Path.Combine(_folder, "data")];
        }

        return ["--data-dir", Path.Combine(_folder, "data")];
    }

    private static async Task<long> AdminIdAsync(GroundworkDatabase db) =>
        (await new SqlUserStore(db, TimeProvider.System).CreateAsync("admin@example.com", "Admin", isAdmin: true, CancellationToken.None))!.Id;

    private GroundworkDatabase Open(string provider)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        return provider == "postgres"
            ? new PostgresDatabase(_database!.ConnectionString)
            : new SqliteDatabase(Path.Combine(_folder, "data", "groundwork.db"));
    }
}
