using System.CommandLine;
using Groundwork.Core.Security;

namespace Groundwork.Cli;

/// <summary><c>groundwork admin create-token</c>: a new API token for a user (created if missing), printed once.</summary>
public static class AdminCommand
{
    public static Command Create()
    {
        var store = new StoreOptionsBinder();
        var email = new Option<string?>("--email") { Description = "The user's email (default: the first admin); a missing user is created" };
        var name = new Option<string>("--name") { Description = "A name for the token", DefaultValueFactory = _ => "cli" };
        var admin = new Option<bool>("--admin") { Description = "Make a newly created user an organisation admin" };
        var createToken = new Command("create-token", "Create an API token and print it once");
        createToken.Options.Add(email);
        createToken.Options.Add(name);
        createToken.Options.Add(admin);
        store.AddTo(createToken);
        createToken.SetAction(async (parse, cancellationToken) =>
        {
            using var local = LocalStore.Open(store.Read(parse));
            var first = await local.AdminAsync(cancellationToken);
            var user = first;
            if (parse.GetValue(email) is { Length: > 0 } address && !address.Equals(first.Email, StringComparison.OrdinalIgnoreCase))
            {
                user = await local.Users.GetByEmailAsync(address, cancellationToken)
                    ?? await local.Users.CreateAsync(address, address, parse.GetValue(admin), cancellationToken)
                    ?? throw new InvalidOperationException($"Could not create user {address}.");
            }

            var secret = ApiTokens.Generate();
            await local.Users.AddTokenAsync(user.Id, parse.GetValue(name)!, ApiTokens.DisplayPrefix(secret), ApiTokens.Hash(secret), cancellationToken);
            Console.WriteLine($"token for {user.Email} (shown once): {secret}");
            return 0;
        });
        var command = new Command("admin", "Administrative tasks");
        command.Subcommands.Add(createToken);
        return command;
    }
}
