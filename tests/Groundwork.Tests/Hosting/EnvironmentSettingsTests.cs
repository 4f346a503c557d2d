using Groundwork.Hosting;

namespace Groundwork.Tests.Hosting;

public sealed class EnvironmentSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("groundwork-secrets-").FullName;

    [Fact]
    public void SecretFiles_ProvideTheDatabaseAndBootstrapToken_TrimmedOfTheTrailingNewline()
    {
        var db = Write("db", "Host=db;Username=gw;Password=s3cret-from-file\n");
        var token = Write("token", "gw_bootstrap-token-from-a-file-0123456789\r\n");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GROUNDWORK_DB_FILE"] = db,
            ["GROUNDWORK_BOOTSTRAP_TOKEN_FILE"] = token,
            ["GROUNDWORK_DATA_DIR"] = "/var/lib/groundwork",
        };

        var settings = GroundworkServer.EnvironmentSettings(name => environment.GetValueOrDefault(name));

        Assert.Equal("Host=db;Username=gw;Password=s3cret-from-file", settings[$"{StorageOptions.Section}:Database"]);
        Assert.Equal("gw_bootstrap-token-from-a-file-0123456789", settings[$"{BootstrapOptions.Section}:Token"]);
        Assert.Equal("/var/lib/groundwork", settings[$"{StorageOptions.Section}:DataDirectory"]);
    }

    [Fact]
    public void PlainVariables_StillWork()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["GROUNDWORK_BOOTSTRAP_TOKEN"] = "gw_plain-variable-token-0123456789" };

        var settings = GroundworkServer.EnvironmentSettings(name => environment.GetValueOrDefault(name));

        Assert.Equal("gw_plain-variable-token-0123456789", settings[$"{BootstrapOptions.Section}:Token"]);
        Assert.False(settings.ContainsKey($"{StorageOptions.Section}:Database"));
    }

    [Fact]
    public void BothVariableAndFile_IsAnError()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GROUNDWORK_DB"] = "Host=a",
            ["GROUNDWORK_DB_FILE"] = Write("db", "Host=b"),
        };

        var error = Assert.Throws<InvalidOperationException>(() => GroundworkServer.EnvironmentSettings(name => environment.GetValueOrDefault(name)));

        Assert.Contains("GROUNDWORK_DB_FILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFile_NamesThePathButNeverAContent()
    {
        var missing = Path.Combine(_folder, "missing");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["GROUNDWORK_BOOTSTRAP_TOKEN_FILE"] = missing };

        var error = Assert.Throws<InvalidOperationException>(() => GroundworkServer.EnvironmentSettings(name => environment.GetValueOrDefault(name)));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
