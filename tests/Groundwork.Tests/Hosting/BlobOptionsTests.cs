using Groundwork.Core.Storage;
using Groundwork.Data.Blobs;
using Groundwork.Hosting;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Hosting;

public sealed class BlobOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("groundwork-blob-options-").FullName;

    [Theory]
    [InlineData("s3", null, null, null, "bucket")]
    [InlineData("s3", "ftp://minio:9000", "b", null, "http:// or https://")]
    [InlineData("s3", "http://user:pw@minio:9000", "b", null, "without credentials")]
    [InlineData("s3", "http://minio:9000", "b", "no-slash", "Prefix")]
    [InlineData("azure", null, null, null, "\"local\" or \"s3\"")]
    public void BadSettings_AreRefusedNamingTheSetting(string provider, string? endpoint, string? bucket, string? prefix, string expected)
    {
        var options = new BlobOptions { Provider = provider, Endpoint = endpoint, Bucket = bucket, Prefix = prefix };

        Assert.Contains(expected, options.Check(), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyOneOfTheKeys_IsRefused()
    {
        Assert.Contains("both", new BlobOptions { Provider = "s3", Bucket = "b", AccessKey = "id" }.Check(), StringComparison.Ordinal);
        Assert.Null(new BlobOptions { Provider = "s3", Bucket = "b", Endpoint = "https://minio.example.com", AccessKey = "id", SecretKey = "secret", Prefix = "gw/" }.Check());
        Assert.Null(new BlobOptions().Check());
    }

    [Fact]
    public void EnvironmentVariables_SetTheS3Store_AndSecretsMayComeFromFiles()
    {
        var secret = Path.Combine(_folder, "secret");
        File.WriteAllText(secret, "from-a-file\n");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GROUNDWORK_BLOB_STORE"] = "s3",
            ["GROUNDWORK_S3_ENDPOINT"] = "http://127.0.0.1:9000",
            ["GROUNDWORK_S3_BUCKET"] = "media",
            ["GROUNDWORK_S3_REGION"] = "eu-west-1",
            ["GROUNDWORK_S3_PREFIX"] = "gw/",
            ["GROUNDWORK_S3_ACCESS_KEY"] = "id",
            ["GROUNDWORK_S3_SECRET_KEY_FILE"] = secret,
        };

        var settings = GroundworkServer.EnvironmentSettings(name => environment.GetValueOrDefault(name));

        Assert.Equal("s3", settings["Groundwork:Blobs:Provider"]);
        Assert.Equal("http://127.0.0.1:9000", settings["Groundwork:Blobs:Endpoint"]);
        Assert.Equal("media", settings["Groundwork:Blobs:Bucket"]);
        Assert.Equal("eu-west-1", settings["Groundwork:Blobs:Region"]);
        Assert.Equal("gw/", settings["Groundwork:Blobs:Prefix"]);
        Assert.Equal("id", settings["Groundwork:Blobs:AccessKey"]);
        Assert.Equal("from-a-file", settings["Groundwork:Blobs:SecretKey"]);
    }

    [Fact]
    public async Task Server_RefusesToStartWithBadBlobSettings()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync("sqlite", new Dictionary<string, string?> { ["Groundwork:Blobs:Provider"] = "s3" }));

        Assert.Contains("bucket", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_UsesTheStoreTheSettingsName()
    {
        await using var local = await TestApp.StartAsync("sqlite");
        await using var s3 = await TestApp.StartAsync("sqlite", new Dictionary<string, string?>
        {
            ["Groundwork:Blobs:Provider"] = "s3",
            ["Groundwork:Blobs:Endpoint"] = "http://127.0.0.1:1",
            ["Groundwork:Blobs:Bucket"] = "never-contacted",
        });

        Assert.IsType<LocalBlobStore>(local.Services.GetRequiredService<IBlobStore>());
        Assert.IsType<S3BlobStore>(s3.Services.GetRequiredService<IBlobStore>());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
