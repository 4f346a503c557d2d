using Groundwork.Core.Security;
using Groundwork.Core.Users;

namespace Groundwork.Hosting;

/// <summary>
/// On the first start against an empty store: creates the admin user and its first API token, and
/// writes the token once to the console (never to the log). With a bootstrap token configured, that
/// value becomes the admin's token instead of a random one.
/// </summary>
public sealed class AdminBootstrapper(IUserStore users, TextWriter console)
{
    public async Task<IssuedToken?> EnsureAdminAsync(BootstrapOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (await users.CountAsync(cancellationToken) > 0)
        {
            return null;
        }

        var admin = await users.CreateAsync(options.AdminEmail, "Administrator", isAdmin: true, cancellationToken);
        if (admin is null)
        {
            return null; // another process bootstrapped first
        }

        var secret = string.IsNullOrEmpty(options.Token) ? ApiTokens.Generate() : options.Token;
        var token = await users.AddTokenAsync(admin.Id, "bootstrap", ApiTokens.DisplayPrefix(secret), ApiTokens.Hash(secret), cancellationToken);
        await console.WriteLineAsync($"Groundwork: created the admin user {admin.Email}.");
        if (string.IsNullOrEmpty(options.Token))
        {
            await console.WriteLineAsync($"Groundwork: admin API token (shown once, keep it): {secret}");
        }
        else
        {
            await console.WriteLineAsync("Groundwork: the admin API token is the GROUNDWORK_BOOTSTRAP_TOKEN value.");
        }

        return new IssuedToken(token, secret);
    }
}
