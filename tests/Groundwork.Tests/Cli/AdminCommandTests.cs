using Groundwork.Cli;
using Groundwork.Data;
using Groundwork.Data.Providers;
using Groundwork.Data.Stores;
using Groundwork.Security;
using Groundwork.Testing;

namespace Groundwork.Tests.Cli;

public sealed class AdminCommandTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("groundwork-cli-").FullName;
    private TemporaryDatabase? _database;

    [Theory]
    [MemberData(nameof(Infrastructure.TestApp.Providers), MemberType = typeof(Infrastructure.TestApp))]
    public async Task CreateUser_ReadsThePasswordFromAFile_AndStoresOnlyItsHash(string provider)
    {
        var store = await StoreArgumentsAsync(provider);
        var passwordFile = Path.Combine(_folder, "password");
        await File.WriteAllTextAsync(passwordFile, "a password from a file\n", TestContext.Current.CancellationToken);

        var exit = await GroundworkCli.Create().Parse(["admin", "create-user", "--email", "ops@example.com", "--name", "Ops", "--admin", "--password-file", passwordFile, .. store]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        var again = await GroundworkCli.Create().Parse(["admin", "create-user", "--email", "OPS@example.com", "--password-file", passwordFile, .. store]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(1, again);
        using var db = Open(provider);
        var credentials = await new SqlUserStore(db, TimeProvider.System).GetCredentialsByEmailAsync("ops@example.com", CancellationToken.None);
        Assert.NotNull(credentials);
        Assert.True(credentials.User.IsAdmin);
        Assert.Equal("Ops", credentials.User.Name);
        Assert.DoesNotContain("a password from a file", credentials.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(PasswordCheck.Success, new Passwords().Verify(credentials.PasswordHash, "a password from a file"));
    }

    [Fact]
    public async Task CreateUser_WithAShortPassword_FailsAndCreatesNobody()
    {
        var store = await StoreArgumentsAsync("sqlite");
        var passwordFile = Path.Combine(_folder, "password");
        await File.WriteAllTextAsync(passwordFile, "short", TestContext.Current.CancellationToken);

        var exit = await GroundworkCli.Create().Parse(["admin", "create-user", "--email", "ops@example.com", "--password-file", passwordFile, .. store]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.False(File.Exists(Path.Combine(_folder, "data", "groundwork.db")));
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

    private GroundworkDatabase Open(string provider) => provider == "postgres"
        ? new PostgresDatabase(_database!.ConnectionString)
        : new SqliteDatabase(Path.Combine(_folder, "data", "groundwork.db"));
}
