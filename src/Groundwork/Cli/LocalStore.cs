using Groundwork.Core.Users;
using Groundwork.Data;
using Groundwork.Data.Stores;
using Groundwork.Hosting;

namespace Groundwork.Cli;

/// <summary>The store opened directly by a CLI verb (no web host): migrated, with its stores and the admin to act as.</summary>
public sealed class LocalStore : IDisposable
{
    private LocalStore(GroundworkDatabase database)
    {
        Database = database;
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

    public static LocalStore Open(StorageOptions options)
    {
        var database = StoreFactory.Open(options);
        database.Migrate();
        return new LocalStore(database);
    }

    /// <summary>The admin the verb acts as, creating the first one (and printing its token) on an empty store.</summary>
    public async Task<User> AdminAsync(CancellationToken cancellationToken)
    {
        await new AdminBootstrapper(Users, Console.Out).EnsureAdminAsync(new BootstrapOptions { Token = EnvironmentSecrets.Read("GROUNDWORK_BOOTSTRAP_TOKEN") }, cancellationToken);
        return await Users.GetFirstAdminAsync(cancellationToken) ?? throw new InvalidOperationException("The store has no admin user.");
    }

    public void Dispose() => Database.Dispose();
}
