using System.Net;
using System.Net.Http.Json;
using Groundwork.Core.Users;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Groundwork.Tests.Security;

public sealed class SecretsInLogsTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task AccountScenario_NeverWritesASecretToTheLogOrAProblem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Groundwork:RateLimits:SignInPerEmail"] = "3",
        });
        var capture = new LogCapture();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        const string WrongPassword = "wrong-password-7f3a9c";
        const string NewPassword = "new-password-5d2e8b1";
        var bodies = new List<string>();
        async Task<HttpResponseMessage> Keep(Task<HttpResponseMessage> call)
        {
            var response = await call;
            var body = await response.Content.ReadAsStringAsync();
            bodies.Add(body);
            response.Content = new StringContent(body, System.Text.Encoding.UTF8, response.Content.Headers.ContentType?.MediaType ?? "application/json");
            return response;
        }

        // Users and sign-in: right, wrong, unknown, rate limited.
        var user = await app.CreatePasswordUserAsync("ann@example.com");
        using var browser = Browser.Open(app);
        await Keep(browser.SignInAsync("ann@example.com", WrongPassword));
        await Keep(browser.SignInAsync("nobody@example.com", WrongPassword));
        await Keep(browser.SignInAsync("ann@example.com", AccountHelpers.Password));
        var csrf = browser.CsrfToken!;
        await Keep(browser.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "no csrf" }, withCsrf: false));
        await Keep(browser.SignInAsync("ann@example.com", WrongPassword));
        await Keep(browser.SignInAsync("ann@example.com", WrongPassword)); // 429

        // Tokens: created, used, revoked, used again; wrong and malformed tokens.
        var created = await Keep(browser.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "laptop" }));
        var createdToken = await created.JsonAsync();
        var secret = createdToken["token"]!.GetValue<string>();
        using var tokenClient = app.CreateClient(secret);
        await Keep(tokenClient.GetAsync("/api/v1/projects"));
        await Keep(tokenClient.PatchAsJsonAsync("/api/v1/me", new { password = NewPassword, current_password = WrongPassword }));
        await Keep(tokenClient.PatchAsJsonAsync("/api/v1/me", new { password = NewPassword, current_password = AccountHelpers.Password }));
        await Keep(tokenClient.DeleteAsync($"/api/v1/me/tokens/{createdToken.Id()}"));
        await Keep(tokenClient.GetAsync("/api/v1/projects"));
        using var wrong = app.CreateClient(secret + "x");
        await Keep(wrong.GetAsync("/api/v1/projects"));
        await Keep(app.Client.PostAsJsonAsync("/api/v1/users", new { email = "bob@example.com", password = "short" }));
        await Keep(app.Client.PostAsJsonAsync("/api/v1/users", new { email = "ann@example.com", password = NewPassword }));
        var hash = (await app.Services.GetRequiredService<IUserStore>().GetCredentialsAsync(user.Id(), CancellationToken.None))!.PasswordHash!;

        var log = capture.All;
        Assert.Contains("signed in", log, StringComparison.Ordinal); // the capture works
        Assert.Contains("Sign-in failed", log, StringComparison.Ordinal);
        Assert.Contains("Debug Microsoft.AspNetCore", log, StringComparison.Ordinal); // framework logs down to Debug are in the capture
        Assert.Contains(bodies, b => b.Contains("\"status\":429", StringComparison.Ordinal));
        var secrets = new[] { TestApp.AdminToken, AccountHelpers.Password, WrongPassword, NewPassword, secret, csrf, hash, browser.Cookie("gw_session") ?? "(none)" };
        foreach (var value in secrets)
        {
            Assert.DoesNotContain(value, log, StringComparison.Ordinal);
        }

        foreach (var value in secrets.Where(s => s != csrf))
        {
            Assert.All(bodies.Where(b => !b.Contains("\"csrf_token\"", StringComparison.Ordinal) && !b.Contains("\"token\":\"gw_", StringComparison.Ordinal)), b => Assert.DoesNotContain(value, b, StringComparison.Ordinal));
        }
    }
}
