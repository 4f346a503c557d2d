using System.Net;
using Groundwork.Tests.Infrastructure;
using static Groundwork.Tests.Queue.QueueTestKit;

namespace Groundwork.Tests.Queue;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_ArePrometheusText_WithQueueCountersGaugesAndRequestLatency()
    {
        await using var app = await TestApp.StartAsync(
            "sqlite",
            new Dictionary<string, string?> { ["Groundwork:Queue:SweepInterval"] = "00:00:00.100", ["Groundwork:Queue:GaugeInterval"] = "00:00:00.100" });
        var projectId = await CreateProjectAsync(app);
        await ImportAsync(app, projectId, 3);
        var (_, alice) = await AnnotatorAsync(app, projectId, "alice@example.com");
        var leased = (await alice.NextAsync(projectId))!;
        await (await SubmitAsync(alice, projectId, leased, Choice("a"))).ExpectAsync(HttpStatusCode.Created);
        await alice.NextAsync(projectId);
        await Task.Delay(500);

        using var anonymous = app.CreateClient(null);
        var response = await anonymous.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Matches(@"groundwork_leases_granted(_lease)?_total(\{[^}]*\})? 2\b", text);
        Assert.Matches(@"groundwork_annotations_created(_annotation)?_total(\{[^}]*\})? 1\b", text);
        Assert.Matches(@"groundwork_queue_depth(_task)?(\{[^}]*\})? 2\b", text);
        Assert.Matches(@"groundwork_leases_live(_lease)?(\{[^}]*\})? 1\b", text);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }
}
