using System.CommandLine;
using Groundwork.Core.Security;
using Groundwork.Security;

namespace Groundwork.Cli;

/// <summary>
/// <c>groundwork admin create-token</c>: a new API token for a user (created if missing), printed once.
/// <c>groundwork admin create-user</c>: a user with a password read from stdin or <c>--password-file</c>, never from the command line.
/// </summary>
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
        command.Subcommands.Add(CreateUser());
        return command;
    }

    private static Command CreateUser()
    {
        var store = new StoreOptionsBinder();
        var email = new Option<string>("--email") { Description = "The new user's email", Required = true };
        var name = new Option<string?>("--name") { Description = "The user's display name (default: the email)" };
        var admin = new Option<bool>("--admin") { Description = "Make the user an organisation admin" };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = "Read the password from this file (default: the first line of stdin)" };
        var command = new Command("create-user", "Create a user who signs in with a password (read from stdin or --password-file)");
        command.Options.Add(email);
        command.Options.Add(name);
        command.Options.Add(admin);
        command.Options.Add(passwordFile);
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var password = ReadPassword(parse.GetValue(passwordFile));
            if (Passwords.Check(password) is { } problem)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
                return 2;
            }

            var address = parse.GetValue(email)!.Trim();
            using var local = LocalStore.Open(store.Read(parse));
            var isAdmin = parse.GetValue(admin);
            if (!isAdmin)
            {
                await local.AdminAsync(cancellationToken); // an empty store gets its first admin before anyone else
            }

            var user = await local.Users.CreateAsync(address, parse.GetValue(name) ?? address, isAdmin, new Passwords().Hash(password!), cancellationToken);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"error: a user with the email {address} already exists");
                return 1;
            }

            Console.WriteLine($"created user {user.Email} (id {user.Id}{(user.IsAdmin ? ", admin" : string.Empty)})");
            return 0;
        });
        return command;
    }

    /// <summary>The password from the file, else the first line of stdin (typed without echo when stdin is a terminal).</summary>
    private static string? ReadPassword(FileInfo? file)
    {
        if (file is not null)
        {
            return File.ReadAllText(file.FullName).TrimEnd('\r', '\n');
        }

        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }

        Console.Error.Write("Password: ");
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
