using System.Globalization;
using System.Text;
using System.Text.Json;
using Groundwork.Demo;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>
/// How fast the editor is, measured on the demo's projects (real photographs, passages, LLM answers): a task page opened
/// cold (a fresh browser context, so nothing cached) until the editor is ready to label, and the switch to the next
/// task after Ctrl+Enter until the next editor is ready. Each data type gets one unmeasured open first (a warm server). The medians are printed and written to
/// <c>artifacts/editor-speed.md</c> for docs/benchmarks.md; the test itself only checks a generous sanity bound, as
/// targets belong in the benchmarks, not in timed tests.
/// </summary>
public sealed class EditorSpeedTests(BrowserFixture browser)
{
    private const int ColdOpens = 5;
    private const int Switches = 5;

    /// <summary>Far above the targets (1 s cold, 200 ms switch): only a broken editor misses these.</summary>
    private const double SanityColdMs = 10_000;
    private const double SanitySwitchMs = 5_000;

    /// <summary>In-page check that the editor of the shown task is ready for the first key or click, per data type.</summary>
    private static readonly Dictionary<string, string> s_ready = new(StringComparer.Ordinal)
    {
        ["image"] = "(() => { const img = document.querySelector('.image-object img'); return !!document.querySelector('.image-host[data-drawing]') && !!img && img.complete && img.naturalWidth > 0; })()",
        ["text"] = "!!document.querySelector('.text-body[data-annotator=ready]')",
        ["llm"] = "!!document.querySelector('.control.pairwise button') && !!document.querySelector('.object-pair .text-body')",
    };

    private static readonly Dictionary<string, string> s_projects = new(StringComparer.Ordinal)
    {
        ["image"] = DemoCatalog.ImageProjectName,
        ["text"] = DemoCatalog.TextProjectName,
        ["llm"] = DemoCatalog.LlmProjectName,
    };

    [Fact]
    public async Task Editor_OpensColdAndSwitchesTasks_MeasuredPerDataType()
    {
        await using var app = await WebApp.StartAsync(DemoModeTests.Demo);
        using var list = JsonDocument.Parse(await app.Api.GetStringAsync("api/v1/projects"));
        var rows = new List<(string Kind, double[] Cold, double[] Switch)>();
        foreach (var (kind, name) in s_projects)
        {
            var projectId = list.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
            using var tasks = JsonDocument.Parse(await app.Api.GetStringAsync($"api/v1/projects/{projectId}/tasks?limit={ColdOpens}"));
            var taskIds = tasks.RootElement.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
            // One unmeasured open first: the measured ones are a cold browser (empty cache) against a warm server, as
            // an annotator meets it, rather than the server's own first requests after start.
            await ColdOpenAsync(app, kind, projectId, taskIds[^1]);
            var cold = new List<double>();
            foreach (var taskId in taskIds)
            {
                cold.Add(await ColdOpenAsync(app, kind, projectId, taskId));
            }

            rows.Add((kind, [.. cold], await SwitchesAsync(app, kind, projectId)));
        }

        var report = Report(rows);
        await File.WriteAllTextAsync(TestArtifacts.Path("editor-speed.md"), report);
        await Console.Out.WriteLineAsync(report);
        foreach (var (kind, cold, next) in rows)
        {
            Assert.True(Median(cold) < SanityColdMs, $"{kind}: opening a task cold took a median {Median(cold):F0} ms");
            Assert.True(Median(next) < SanitySwitchMs, $"{kind}: the next task took a median {Median(next):F0} ms");
        }
    }

    /// <summary>A fresh context (empty cache) already holding the admin's token, straight to one task's page.</summary>
    private async Task<double> ColdOpenAsync(WebApp app, string kind, long projectId, long taskId)
    {
        await using var b = await browser.NewPageAsync(app);
        await b.Page.Context.AddInitScriptAsync($"sessionStorage.setItem('groundwork.token', '{WebApp.AdminToken}')");
        await b.Page.GotoAsync($"/projects/{projectId}/tasks/{taskId}/label");
        // performance.now() counts from the navigation's start: the moment the editor first answers "ready".
        var ms = await WaitReadyAsync(b.Page, kind, previousTask: null);
        Assert.True(b.Errors.Count == 0, string.Join("\n", b.Errors));
        return ms;
    }

    /// <summary>
    /// The queue page as the demo user (an annotator's path: leases, heartbeat), then Ctrl+Enter with a trivial answer,
    /// timed from the key press to the next editor's ready.
    /// </summary>
    private async Task<double[]> SwitchesAsync(WebApp app, string kind, long projectId)
    {
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await page.GotoAsync($"/projects/{projectId}/label");
        await Assertions.Expect(page.Locator(".topbar .demo-badge")).ToBeVisibleAsync();
        await WaitReadyAsync(page, kind, previousTask: null);
        var times = new List<double>();
        for (var i = 0; i < Switches; i++)
        {
            var task = await page.Locator(".workspace").GetAttributeAsync("data-task");
            await AnswerAsync(page, kind);
            await page.EvaluateAsync("() => { window.__gwKeyAt = undefined; if (!window.__gwTimed) { window.__gwTimed = true; addEventListener('keydown', e => { if (e.key === 'Enter' && e.ctrlKey) window.__gwKeyAt ??= performance.now(); }, { capture: true }); } }");
            await page.Keyboard.PressAsync("Control+Enter");
            var readyAt = await WaitReadyAsync(page, kind, task);
            var keyAt = await page.EvaluateAsync<double?>("() => window.__gwKeyAt ?? null");
            Assert.True(keyAt is not null, "the Ctrl+Enter key press was not seen");
            times.Add(readyAt - keyAt.Value);
        }

        Assert.True(b.Errors.Count == 0, string.Join("\n", b.Errors));
        return [.. times];
    }

    /// <summary>Something to submit, so that no "submit an empty annotation?" question interrupts.</summary>
    private static async Task AnswerAsync(IPage page, string kind)
    {
        switch (kind)
        {
            case "image":
                await page.Keyboard.PressAsync("7"); // a scene choice
                await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "7 Landscape" })).ToBeCheckedAsync();
                break;
            case "text":
                await page.Keyboard.PressAsync("5"); // a topic
                await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "5 War and foreign affairs" })).ToBeCheckedAsync();
                break;
            default:
                await page.Keyboard.PressAsync("ArrowLeft");
                await Assertions.Expect(page.Locator(".control.pairwise button[aria-pressed=true]")).ToHaveCountAsync(1);
                break;
        }
    }

    /// <summary>Polls every animation frame until the editor of a task other than <paramref name="previousTask"/> is ready; returns performance.now() then.</summary>
    private static async Task<double> WaitReadyAsync(IPage page, string kind, string? previousTask)
    {
        var other = previousTask is null ? "true" : $"document.querySelector('.workspace')?.dataset.task !== '{previousTask}'";
        var handle = await page.WaitForFunctionAsync(
            $"() => (!!document.querySelector('.workspace') && {other} && {s_ready[kind]}) ? performance.now() : false",
            null, new() { PollingInterval = null, Timeout = 20_000 });
        return await handle.JsonValueAsync<double>();
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Report(List<(string Kind, double[] Cold, double[] Switch)> rows)
    {
        var sb = new StringBuilder();
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        sb.AppendLine(CultureInfo.InvariantCulture, $"Editor speed, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores (load average {load}), headless Chromium at 1280x800, demo projects");
        sb.AppendLine();
        sb.AppendLine("| data | cold open: median (min–max), ms | next task after submit: median (min–max), ms |");
        sb.AppendLine("|---|---|---|");
        foreach (var (kind, cold, next) in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {Median(cold):F0} ({cold.Min():F0}–{cold.Max():F0}), n={cold.Length} | {Median(next):F0} ({next.Min():F0}–{next.Max():F0}), n={next.Length} |");
        }

        return sb.ToString();
    }
}
