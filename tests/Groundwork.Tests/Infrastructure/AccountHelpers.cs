using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Groundwork.Tests.Infrastructure;

/// <summary>Creating users with passwords through the admin API, as an installation would.</summary>
public static class AccountHelpers
{
    public const string Password = "correct horse battery staple";

    /// <summary>Creates a user with <see cref="Password"/> (or <paramref name="password"/>) through POST /api/v1/users as the bootstrap admin.</summary>
    public static async Task<JsonNode> CreatePasswordUserAsync(this TestApp app, string email, bool isAdmin = false, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(app);
        var response = await app.Client.PostAsJsonAsync("/api/v1/users", new { email, name = "User " + email, password, is_admin = isAdmin });
        await response.ExpectAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static Groundwork.Core.Users.IUserStore GetRequiredServiceUsers(this IServiceProvider services) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Groundwork.Core.Users.IUserStore>(services);

    /// <summary>A browser signed in as <paramref name="email"/>.</summary>
    public static async Task<Browser> SignedInBrowserAsync(this TestApp app, string email, string password = Password)
    {
        var browser = Browser.Open(app);
        var response = await browser.SignInAsync(email, password);
        await response.ExpectAsync(HttpStatusCode.OK);
        return browser;
    }
}
