using System.CommandLine;
using System.Net.Http.Headers;

namespace Groundwork.Cli;

/// <summary><c>--server</c> and <c>--token</c>: run a verb against a remote Groundwork instead of the local store.</summary>
public sealed class RemoteOptionsBinder
{
    public Option<Uri?> Server { get; } = new("--server") { Description = "Base URL of a Groundwork server (e.g. http://127.0.0.1:8080); default: the local store" };

    public Option<string?> Token { get; } = new("--token") { Description = "API token for --server (default: GROUNDWORK_TOKEN)" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Server);
        command.Options.Add(Token);
    }

    /// <summary>An HTTP client for the server, or null when the verb runs locally.</summary>
    public HttpClient? CreateClient(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var server = parse.GetValue(Server);
        if (server is null)
        {
            return null;
        }

        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("GROUNDWORK_TOKEN");
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException("--server needs an API token: pass --token or set GROUNDWORK_TOKEN.");
        }

        var client = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        return client;
    }
}
