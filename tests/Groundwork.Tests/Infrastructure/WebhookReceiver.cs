using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Groundwork.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver on loopback (Kestrel, port 0) that records every POST it gets, headers and body,
/// and answers with <see cref="Status"/>: what a customer's webhook endpoint would be.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The status code the next requests are answered with.</summary>
    public int Status { get; set; } = 200;

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    public string Url(string path = "/hook") => BaseUrl + path;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var status = receiver!.Status;
            receiver._received.Enqueue(new ReceivedWebhook(
                context.Request.Path.Value ?? "/",
                context.Request.Headers["Groundwork-Event"].ToString(),
                context.Request.Headers["Groundwork-Delivery"].ToString(),
                context.Request.Headers["Groundwork-Signature"].ToString(),
                buffer.ToArray(),
                status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address.TrimEnd('/'));
        return receiver;
    }

    /// <summary>Waits until the received requests satisfy <paramref name="done"/>; fails after <paramref name="timeout"/> (default 20 s).</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var received = Received;
            if (done(received))
            {
                return received;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the receiver got {received.Count} request(s), not what the test waited for: {string.Join(", ", received.Select(r => r.Event))}");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
