using Groundwork.Core.Events;
using Groundwork.Tests.Infrastructure;
using Groundwork.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Groundwork.Tests.Webhooks;

public sealed class OutboxClaimTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Claims_AreDisjoint_AndExpiredClaimsAreTakenOver(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false), s => s.AddSingleton<TimeProvider>(clock));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        var (hookId, _) = await app.Client.CreateWebhookAsync(projectId, "http://127.0.0.1:9/hook", EventKinds.AnnotationCreated);
        var store = app.Services.GetRequiredService<IWebhookStore>();
        for (var i = 0; i < 10; i++)
        {
            await store.PingAsync(projectId, hookId, CancellationToken.None);
        }

        var until = clock.GetUtcNow() + TimeSpan.FromMinutes(1);
        var a = await store.ClaimDueAsync("a", 6, until, CancellationToken.None);
        var b = await store.ClaimDueAsync("b", 6, until, CancellationToken.None);
        var c = await store.ClaimDueAsync("c", 6, until, CancellationToken.None);

        Assert.Equal(6, a.Count);
        Assert.Equal(4, b.Count);
        Assert.Empty(c);
        Assert.Empty(a.Select(d => d.Id).Intersect(b.Select(d => d.Id)));

        clock.Advance(TimeSpan.FromMinutes(2));
        var retaken = await store.ClaimDueAsync("c", 50, clock.GetUtcNow() + TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(10, retaken.Count);

        // An attempt recorded by a process whose claim was taken over is logged but does not move the delivery.
        await store.RecordAttemptAsync(a[0].Id, "a", new DeliveryOutcome(200, null, TimeSpan.FromMilliseconds(3)), clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(DeliveryStates.Pending, (await store.GetDeliveryAsync(projectId, a[0].Id, CancellationToken.None))!.State);
        await store.RecordAttemptAsync(a[0].Id, "c", new DeliveryOutcome(200, null, TimeSpan.FromMilliseconds(3)), clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(DeliveryStates.Delivered, (await store.GetDeliveryAsync(projectId, a[0].Id, CancellationToken.None))!.State);
        Assert.Equal(2, (await store.ListAttemptsAsync([a[0].Id], CancellationToken.None)).Count);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Prune_RemovesOldFinishedDeliveries_NeverPendingOnes(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false), s => s.AddSingleton<TimeProvider>(clock));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        var (hookId, _) = await app.Client.CreateWebhookAsync(projectId, "http://127.0.0.1:9/hook", EventKinds.AnnotationCreated);
        var store = app.Services.GetRequiredService<IWebhookStore>();
        var old = new List<WebhookDelivery>();
        for (var i = 0; i < 3; i++)
        {
            old.Add((await store.PingAsync(projectId, hookId, CancellationToken.None))!);
        }

        var claimed = await store.ClaimDueAsync("p", 2, clock.GetUtcNow() + TimeSpan.FromMinutes(1), CancellationToken.None);
        await store.RecordAttemptAsync(claimed[0].Id, "p", new DeliveryOutcome(200, null, TimeSpan.Zero), clock.GetUtcNow(), CancellationToken.None);
        await store.RecordAttemptAsync(claimed[1].Id, "p", new DeliveryOutcome(500, "HTTP 500", TimeSpan.Zero), null, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(40));
        var fresh = await store.PingAsync(projectId, hookId, CancellationToken.None);
        var fresh2 = (await store.ClaimDueAsync("p", 10, clock.GetUtcNow() + TimeSpan.FromMinutes(1), CancellationToken.None)).Single(d => d.Id == fresh!.Id);
        await store.RecordAttemptAsync(fresh2.Id, "p", new DeliveryOutcome(200, null, TimeSpan.Zero), clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(2, await store.PruneAsync(clock.GetUtcNow() - TimeSpan.FromDays(30), 1000, CancellationToken.None));
        var left = await store.ListDeliveriesAsync(projectId, hookId, null, 100, CancellationToken.None);
        Assert.Equal(new[] { fresh!.Id, old[2].Id }, left.Select(d => d.Id));
        Assert.Empty(await store.ListAttemptsAsync([claimed[0].Id, claimed[1].Id], CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentClaims_OnPostgres_NeverShareADelivery()
    {
        await using var app = await TestApp.StartAsync("postgres", WebhookTestKit.Dispatcher(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        var (hookId, _) = await app.Client.CreateWebhookAsync(projectId, "http://127.0.0.1:9/hook", EventKinds.AnnotationCreated);
        var store = app.Services.GetRequiredService<IWebhookStore>();
        for (var i = 0; i < 200; i++)
        {
            await store.PingAsync(projectId, hookId, CancellationToken.None);
        }

        var until = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var mine = new List<long>();
            while (true)
            {
                var batch = await store.ClaimDueAsync($"worker-{worker}", 7, until, CancellationToken.None);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(d => d.Id));
            }
        }));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
    }

    [Theory]
    [InlineData("Timeout", "00:00:00")]
    [InlineData("PollInterval", "-00:00:01")]
    [InlineData("BatchSize", "0")]
    [InlineData("MaxRetryDelay", "00:00:01")]
    public async Task InvalidSettings_StopTheServerFromStarting(string setting, string value)
    {
        var settings = WebhookTestKit.Dispatcher();
        settings[$"{WebhookOptions.Section}:{setting}"] = value;

        await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync("sqlite", settings));
    }
}
