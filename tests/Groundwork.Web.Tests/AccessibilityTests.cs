using System.Text.Json;
using Groundwork.Demo;
using Groundwork.Testing;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>
/// Every main page at 1280×800: axe-core (WCAG 2.x A and AA rules, injected from web/node_modules, no CDN) finds
/// nothing, every element the keyboard reaches shows where the focus is, and nothing scrolls sideways. Each page is
/// saved as a screenshot in the test artifacts, to be looked at.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser)
{
    private static readonly string[] s_tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    [Fact]
    public async Task MainPages_HaveNoAxeViolations_VisibleFocus_AndFitAt1280()
    {
        var axe = AxeScript();
        await using var app = await WebApp.StartAsync(DemoModeTests.Demo);
        using var list = JsonDocument.Parse(await app.Api.GetStringAsync("api/v1/projects"));
        long Project(string name) => list.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
        var audioProject = await AudioProjectAsync(app);
        var failures = new List<string>();

        await using (var signedOut = await browser.NewPageAsync(app))
        {
            // Sign-in as a signed-out visitor sees it (the demo is switched off for this tab).
            await signedOut.Page.Context.AddInitScriptAsync("sessionStorage.setItem('groundwork.demo-off', '1')");
            await signedOut.Page.GotoAsync("/sign-in");
            await signedOut.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).WaitForAsync();
            await CheckAsync(signedOut.Page, axe, "sign-in", failures);
        }

        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(4);
        await CheckAsync(page, axe, "projects", failures);

        await page.GotoAsync($"/projects/{Project(DemoCatalog.ImageProjectName)}");
        await page.Locator("table.grid").First.WaitForAsync();
        await page.WaitForTimeoutAsync(300);
        await CheckAsync(page, axe, "project", failures);

        await page.GotoAsync($"/projects/{Project(DemoCatalog.ImageProjectName)}/dashboard");
        await page.Locator("[data-chart=progress] canvas").WaitForAsync();
        await CheckAsync(page, axe, "dashboard", failures);

        await page.GotoAsync($"/projects/{Project(DemoCatalog.ImageProjectName)}");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^task \\d+$") }).First.ClickAsync();
        await page.GetByTestId("task-consensus").WaitForAsync();
        await page.WaitForTimeoutAsync(300);
        await CheckAsync(page, axe, "task-detail", failures);

        await page.GotoAsync("/projects/new");
        await page.Locator("textarea").First.WaitForAsync();
        await page.WaitForTimeoutAsync(500); // the live check of the template configuration
        await CheckAsync(page, axe, "new-project", failures);

        await page.GotoAsync($"/projects/{Project(DemoCatalog.ImageProjectName)}/label");
        await page.Locator(".image-host[data-drawing]").WaitForAsync();
        await page.Keyboard.PressAsync("1");
        await CheckAsync(page, axe, "editor-image", failures);

        await page.GotoAsync($"/projects/{Project(DemoCatalog.TextProjectName)}/label");
        await page.Locator(".text-body[data-annotator=ready]").WaitForAsync();
        await CheckAsync(page, axe, "editor-text", failures);

        await page.GotoAsync($"/projects/{Project(DemoCatalog.LlmProjectName)}/label");
        await page.Locator(".control.pairwise button").First.WaitForAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await CheckAsync(page, axe, "editor-llm", failures);

        await page.GotoAsync($"/projects/{audioProject}/label");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play / pause" })).ToBeEnabledAsync();
        await CheckAsync(page, axe, "editor-audio", failures);

        await page.GotoAsync($"/projects/{Project(DemoCatalog.LlmProjectName)}/label");
        await page.Locator(".control.pairwise button").First.WaitForAsync();
        await page.Keyboard.PressAsync("?");
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" }).WaitForAsync();
        await CheckAsync(page, axe, "editor-shortcuts", failures, tab: false);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(b.Errors.Count == 0, string.Join("\n", b.Errors));
    }

    /// <summary>axe on the page as it is, then Tab through it checking the focus ring, then the width, then a screenshot.</summary>
    private static async Task CheckAsync(IPage page, string axe, string name, List<string> failures, bool tab = true)
    {
        await TestArtifacts.ScreenshotAsync(page, name);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(axe); // evaluated through the DevTools protocol: the page's CSP forbids inline script, rightly
        }

        var report = await page.EvaluateAsync<JsonElement>(
            "async tags => { const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });"
            + " return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')) })); }",
            s_tags);
        foreach (var v in report.EnumerateArray())
        {
            failures.Add($"{name}: axe {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}\n    "
                + string.Join("\n    ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())));
        }

        var width = await page.EvaluateAsync<JsonElement>("() => ({ scroll: document.documentElement.scrollWidth, view: innerWidth })");
        if (width.GetProperty("scroll").GetInt32() > width.GetProperty("view").GetInt32())
        {
            failures.Add($"{name}: scrolls sideways at {width.GetProperty("view").GetInt32()} px ({width.GetProperty("scroll").GetInt32()} px wide)");
        }

        if (!tab)
        {
            return;
        }

        // Every stop of the Tab key shows a focus indicator: an outline, or a box shadow where a style draws one.
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<JsonElement>("""
                () => { const el = document.activeElement; if (!el || el === document.body) return null;
                  const s = getComputedStyle(el);
                  const what = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('aria-label') ? '[' + el.getAttribute('aria-label') + ']' : '') + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
                  return { what, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, shadow: s.boxShadow !== 'none' }; }
                """);
            if (focus.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var what = focus.GetProperty("what").GetString()!;
            if (!seen.Add(what))
            {
                break; // back round to the start
            }

            if (!focus.GetProperty("outline").GetBoolean() && !focus.GetProperty("shadow").GetBoolean())
            {
                failures.Add($"{name}: no visible focus on {what}");
            }
        }
    }

    private static async Task<long> AudioProjectAsync(WebApp app)
    {
        var projectId = await app.CreateProjectAsync("Calls", """
            <View>
              <Audio name="audio" value="$audio"/>
              <Labels name="speaker" toName="audio"><Label value="Agent"/><Label value="Caller"/></Labels>
              <TextArea name="transcript" toName="audio"/>
            </View>
            """, instructions: "Mark who speaks when, and write down what they say.");
        await app.ImportAsync(projectId, new[] { new { data = new { audio = "/test-media/tone.wav" } } });
        using var users = JsonDocument.Parse(await app.Api.GetStringAsync("api/v1/users"));
        var root = users.RootElement.ValueKind == JsonValueKind.Object ? users.RootElement.GetProperty("items") : users.RootElement;
        var demo = root.EnumerateArray().Single(u => u.GetProperty("email").GetString() == DemoSeeder.DemoEmail).GetProperty("id").GetInt64();
        using var member = await app.Api.PutAsync($"api/v1/projects/{projectId}/members/{demo}",
            new StringContent("""{"role":"annotator"}""", System.Text.Encoding.UTF8, "application/json"));
        member.EnsureSuccessStatusCode();
        return projectId;
    }

    /// <summary>axe-core's script from the web build's node_modules (pinned in web/package.json), found above the test assembly.</summary>
    private static string AxeScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "web", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        TestEnvironment.Require(false, "web/node_modules/axe-core/axe.min.js is absent (the web build's npm ci installs it)");
        return "";
    }
}
