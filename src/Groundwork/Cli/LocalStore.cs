using Groundwork.Core.Storage;
using Groundwork.Core.Users;
using Groundwork.Data;
using Groundwork.Data.Stores;
using Groundwork.Hosting;

namespace Groundwork.Cli;

/// <summary>The store opened directly by a CLI verb (no web host): migrated, with its stores and the admin to act as.</summary>
public sealed class LocalStore : IDisposable
{
    private LocalStore(GroundworkDatabase database, IBlobStore blobs)
    {
        Database = database;
        Blobs = blobs;
        var clock = TimeProvider.System;
        Projects = new SqlProjectStore(database, clock);
        Tasks = new SqlTaskStore(database, clock);
        Users = new SqlUserStore(database, clock);
        Export = new SqlExportSource(database);
    }

    public GroundworkDatabase Database { get; }

    public SqlProjectStore Projects { get; }

    public SqlTaskStore Tasks { get; }

    public SqlUserStore Users { get; }

    public SqlExportSource Export { get; }

    /// <summary>The blob store the server would use (GROUNDWORK_BLOB_STORE and the S3 settings, else files under the data folder).</summary>
    public IBlobStore Blobs { get; }

    public static LocalStore Open(StorageOptions options)
    {
        var blobs = BlobStoreFactory.Open(BlobOptionsFromEnvironment(), options);
        var database = StoreFactory.Open(options);
        database.Migrate();
        return new LocalStore(database, blobs);
    }

    /// <summary>The admin the verb acts as, creating the first one (and printing its token) on an empty store.</summary>
    public async Task<User> AdminAsync(CancellationToken cancellationToken)
    {
        await new AdminBootstrapper(Users, Console.Out).EnsureAdminAsync(new BootstrapOptions { Token = EnvironmentSecrets.Read("GROUNDWORK_BOOTSTRAP_TOKEN") }, cancellationToken);
        return await Users.GetFirstAdminAsync(cancellationToken) ?? throw new InvalidOperationException("The store has no admin user.");
    }

    /// <summary>The blob settings from the environment, as the server reads them.</summary>
    public static BlobOptions BlobOptionsFromEnvironment()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(GroundworkServer.EnvironmentSettings()).Build();
        return configuration.GetSection(BlobOptions.Section).Get<BlobOptions>() ?? new BlobOptions();
    }

    public void Dispose()
    {
        Database.Dispose();
        (Blobs as IDisposable)?.Dispose();
    }
}
