using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Groundwork.Core.Events;
using Microsoft.Extensions.Options;

namespace Groundwork.Webhooks;

/// <summary>
/// Sends the outbox. Each look claims a batch of due deliveries (see <see cref="IWebhookStore.ClaimDueAsync"/>:
/// several processes on one PostgreSQL share the work, each delivery claimed by one), POSTs each body signed
/// with its receiver's secret, and records the attempt: 2xx is delivered, anything else is retried on the
/// back-off schedule until <see cref="WebhookOptions.MaxAge"/>, then dead. All state is in the table, so a
/// restart picks up where the last process stopped (a claim held by a crashed process expires).
/// </summary>
public sealed partial class WebhookDispatcher(
    IWebhookStore store,
    WebhookSecrets secrets,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "groundwork-webhooks";
    public const string EventHeader = "Groundwork-Event";
    public const string DeliveryHeader = "Groundwork-Delivery";

    private const int PruneBatch = 1000;
    private static readonly TimeSpan s_pruneEvery = TimeSpan.FromHours(1);
    private readonly WebhookOptions _options = options.Value;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    /// <summary>This process's name on the claims it takes.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Claims one batch of due deliveries and sends it; returns how many were claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await store.ClaimDueAsync(InstanceId, _options.BatchSize, clock.GetUtcNow() + _options.ClaimDuration, cancellationToken);
        if (batch.Count > 0)
        {
            await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
                async (delivery, token) =>
                {
                    try
                    {
                        await DeliverAsync(delivery, token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // One delivery's failure to record must not stop the batch; its claim expires and it is sent again.
                        LogDeliveryFailed(logger, delivery.Id, ex);
                    }
                });
        }

        return batch.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        await Task.Yield();
        LogStarted(logger, InstanceId);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchOnceAsync(stoppingToken);
                await PruneIfDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive a failed look (database restarting, etc.) and try again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogLookFailed(logger, ex);
            }

            if (claimed < _options.BatchSize)
            {
                try
                {
                    // Pacing of the poll is wall-clock I/O, not domain time: retry due times come from the TimeProvider.
                    await Task.Delay(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Once an hour, deletes finished deliveries older than <see cref="WebhookOptions.RetainFor"/>, a batch at a time.</summary>
    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + s_pruneEvery;
        int deleted;
        do
        {
            deleted = await store.PruneAsync(now - _options.RetainFor, PruneBatch, cancellationToken);
            if (deleted > 0)
            {
                LogPruned(logger, deleted);
            }
        }
        while (deleted == PruneBatch);
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var outcome = await SendAsync(delivery, cancellationToken);
        var now = clock.GetUtcNow();
        DateTimeOffset? next = outcome.Succeeded ? now : _options.Schedule.NextAttempt(delivery.Attempts + 1, delivery.QueuedAt, now, Random.Shared.NextDouble());
        await store.RecordAttemptAsync(delivery.Id, InstanceId, outcome, next, cancellationToken);
        if (outcome.Succeeded)
        {
            LogDelivered(logger, delivery.Id, delivery.Event, outcome.StatusCode ?? 0);
        }
        else if (next is null)
        {
            LogDead(logger, delivery.Id, delivery.Event, delivery.Attempts + 1, outcome.Error);
        }
        else
        {
            LogRetrying(logger, delivery.Id, delivery.Event, outcome.Error, next.Value);
        }
    }

    private async Task<DeliveryOutcome> SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string secret;
        try
        {
            secret = await SigningSecretAsync(delivery, cancellationToken);
        }
        catch (CryptographicException)
        {
            return new DeliveryOutcome(null, "the signing secret cannot be read: are this process's data-protection keys the ones that stored it?", Stopwatch.GetElapsedTime(started));
        }

        var body = Encoding.UTF8.GetBytes(delivery.PayloadJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.TargetUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(EventHeader, delivery.Event);
        request.Headers.TryAddWithoutValidation(DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(secret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Groundwork-Webhooks", "1"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new DeliveryOutcome(status, response.IsSuccessStatusCode ? null : $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(null, $"no answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryOutcome(null, ex.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<string> SigningSecretAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var stored = await store.GetProtectedSecretAsync(delivery.ProjectId, delivery.WebhookId, cancellationToken);
        if (stored is null && delivery.WebhookId is null)
        {
            // A project's first callback: its secret is made now (managers read it from the API).
            stored = await store.EnsureCallbackSecretAsync(delivery.ProjectId, secrets.Create().Protected, cancellationToken);
        }

        return secrets.Unprotect(stored ?? throw new CryptographicException("The subscription has no secret."));
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Webhook dispatcher {Instance} started")]
    private static partial void LogStarted(ILogger logger, string instance);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Delivery {DeliveryId} ({Event}) delivered with {StatusCode}")]
    private static partial void LogDelivered(ILogger logger, long deliveryId, string @event, int statusCode);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Delivery {DeliveryId} ({Event}) failed ({Error}); retrying at {NextAttempt}")]
    private static partial void LogRetrying(ILogger logger, long deliveryId, string @event, string? error, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} ({Event}) is dead after {Attempts} attempts; last error: {Error}")]
    private static partial void LogDead(ILogger logger, long deliveryId, string @event, int attempts, string? error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Delivery {DeliveryId} could not be completed; it will be sent again when its claim expires")]
    private static partial void LogDeliveryFailed(ILogger logger, long deliveryId, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Removed {Count} finished webhook deliveries past their retention")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Looking for due webhook deliveries failed; trying again")]
    private static partial void LogLookFailed(ILogger logger, Exception exception);
}
