using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Exports;

/// <summary>Shared steps of the export job tests.</summary>
internal static class ExportJobTestKit
{
    /// <summary>Settings for export workers that look every 20 ms and write progress every 50 ms (or no worker loop at all).</summary>
    public static Dictionary<string, string?> Workers(bool enabled = true, int maxAttempts = 3) => new(StringComparer.Ordinal)
    {
        ["Groundwork:Exports:Enabled"] = enabled ? "true" : "false",
        ["Groundwork:Exports:PollInterval"] = "00:00:00.020",
        ["Groundwork:Exports:ProgressInterval"] = "00:00:00.050",
        ["Groundwork:Exports:LeaseDuration"] = "00:01:00",
        ["Groundwork:Exports:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
        ["Groundwork:Webhooks:Enabled"] = "false",
    };

    /// <summary>A project of <paramref name="count"/> text tasks, every other one annotated; returns its id.</summary>
    public static async Task<long> AnnotatedProjectAsync(HttpClient client, int count)
    {
        var projectId = (await client.CreateProjectAsync(overlap: 1)).Id();
        var lines = string.Join('\n', Enumerable.Range(0, count).Select(i => $$$"""{"unique_id":"u{{{i}}}","data":{"text":"text {{{i}}} — ✓"},"meta":{"n":{{{i}}}}}"""));
        await (await client.ImportAsync(projectId, lines)).ExpectAsync(HttpStatusCode.OK);
        var tasks = (await client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks?limit=1000"))["items"]!.AsArray();
        foreach (var task in tasks.Where((_, i) => i % 2 == 0))
        {
            await (await client.AnnotateAsync(projectId, task!.Id())).ExpectAsync(HttpStatusCode.Created);
        }

        return projectId;
    }

    /// <summary>POSTs a job and returns the 202's body.</summary>
    public static async Task<JsonNode> StartAsync(HttpClient client, long projectId, string format, string annotations = "all")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/projects/{projectId}/exports", new Dictionary<string, string> { ["format"] = format, ["annotations"] = annotations });
        await response.ExpectAsync(HttpStatusCode.Accepted);
        var job = await response.JsonAsync();
        Assert.Equal($"/api/v1/projects/{projectId}/exports/{job.Id()}", response.Headers.Location?.OriginalString);
        return job;
    }

    /// <summary>Polls the job until it has succeeded or failed; fails after 60 s.</summary>
    public static async Task<JsonNode> WaitAsync(HttpClient client, long projectId, long jobId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var job = await client.GetJsonAsync($"/api/v1/projects/{projectId}/exports/{jobId}");
            if (job["state"]!.GetValue<string>() is "succeeded" or "failed")
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"export job {jobId} did not finish: {job.Compact()}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task<byte[]> DownloadAsync(HttpClient client, long projectId, long jobId)
    {
        using var response = await client.GetAsync($"/api/v1/projects/{projectId}/exports/{jobId}/download");
        await response.ExpectAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<byte[]> DirectAsync(HttpClient client, long projectId, string format, string annotations = "all")
    {
        using var response = await client.GetAsync($"/api/v1/projects/{projectId}/export?format={format}&annotations={annotations}");
        await response.ExpectAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
