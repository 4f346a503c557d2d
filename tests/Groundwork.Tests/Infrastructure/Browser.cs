using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Infrastructure;

/// <summary>
/// A browser's view of the API: keeps cookies as a browser does (TestServer's client does not), talks https so that
/// Secure cookies are sent back, and remembers the CSRF token from sign-in to send as X-CSRF-Token.
/// </summary>
public sealed class Browser : IDisposable
{
    private Browser(HttpClient client, CookieContainer cookies)
    {
        Client = client;
        Cookies = cookies;
    }

    public static Uri Origin { get; } = new("https://localhost/");

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    /// <summary>The csrf_token of the last sign-in or session response.</summary>
    public string? CsrfToken { get; set; }

    /// <summary>The Set-Cookie headers of the last response.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public static Browser Open(TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = (TestServer)app.Services.GetRequiredService<IServer>();
        var cookies = new CookieContainer();
        Browser? browser = null;
        var handler = new CookieHandler(cookies, setCookies => browser!.LastSetCookies = setCookies) { InnerHandler = server.CreateHandler() };
        browser = new Browser(new HttpClient(handler) { BaseAddress = Origin }, cookies);
        return browser;
    }

    public string? Cookie(string name) => Cookies.GetCookies(Origin)[name]?.Value;

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password });
        await RememberCsrfAsync(response);
        return response;
    }

    public async Task<HttpResponseMessage> GetSessionAsync()
    {
        var response = await Client.GetAsync("/api/v1/auth/session");
        await RememberCsrfAsync(response);
        return response;
    }

    /// <summary>Sends a request, with the remembered CSRF token unless <paramref name="withCsrf"/> is false.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, bool withCsrf = true)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (withCsrf && CsrfToken is not null)
        {
            request.Headers.Add("X-CSRF-Token", CsrfToken);
        }

        return await Client.SendAsync(request);
    }

    public void Dispose() => Client.Dispose();

    private async Task RememberCsrfAsync(HttpResponseMessage response)
    {
        // Read once, then put an equal body back so that the caller can read the response as well.
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "application/json";
        response.Content = new StringContent(text, System.Text.Encoding.UTF8, mediaType);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            CsrfToken = JsonNode.Parse(text)!["csrf_token"]!.GetValue<string>();
        }
    }

    private sealed class CookieHandler(CookieContainer cookies, Action<IReadOnlyList<string>> onSetCookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
            foreach (var value in setCookies)
            {
                cookies.SetCookies(request.RequestUri!, value);
            }

            onSetCookies(setCookies);
            return response;
        }
    }
}
