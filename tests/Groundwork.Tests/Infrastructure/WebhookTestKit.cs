using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Groundwork.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Infrastructure;

/// <summary>Shared steps of the webhook and audit tests.</summary>
public static class WebhookTestKit
{
    /// <summary>Settings for a dispatcher that looks every 50 ms (or none at all), allowed to reach the loopback receiver.</summary>
    public static Dictionary<string, string?> Dispatcher(bool enabled = true, int batchSize = 50) => new(StringComparer.Ordinal)
    {
        ["Groundwork:Webhooks:AllowPrivateNetworks"] = "true",
        ["Groundwork:Webhooks:Enabled"] = enabled ? "true" : "false",
        ["Groundwork:Webhooks:PollInterval"] = "00:00:00.050",
        ["Groundwork:Webhooks:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
        ["Groundwork:Webhooks:Timeout"] = "00:00:05",
    };

    public static async Task<(long Id, string Secret)> CreateWebhookAsync(this HttpClient client, long projectId, string url, params string[] events)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/projects/{projectId}/webhooks", new Dictionary<string, object?> { ["url"] = url, ["events"] = events });
        await response.ExpectAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        return (body.Id(), body["secret"]!.GetValue<string>());
    }

    /// <summary>Polls a deliveries list until <paramref name="done"/> holds for it; fails after 20 s.</summary>
    public static async Task<JsonArray> WaitForDeliveriesAsync(this HttpClient client, string url, Func<JsonArray, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var items = (await client.GetJsonAsync(url))["items"]!.AsArray();
            if (done(items))
            {
                return items;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the deliveries never reached the expected state: {items.Compact()}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Runs a scalar query against the app's store.</summary>
    public static async Task<long> ScalarAsync(this TestApp app, string sql)
    {
        var db = app.Services.GetRequiredService<GroundworkDatabase>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query returning text (the first row's first column, or empty).</summary>
    public static async Task<string> ScalarTextAsync(this TestApp app, string sql)
    {
        var db = app.Services.GetRequiredService<GroundworkDatabase>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    public static async Task<long> FirstTaskIdAsync(this HttpClient client, long projectId) =>
        (await client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]![0]!.Id();
}
