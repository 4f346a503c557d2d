using Groundwork.Core.Events;
using Groundwork.Core.Import;
using Groundwork.Core.Projects;
using Groundwork.Core.Tasks;
using Groundwork.Core.Users;
using Groundwork.Hosting;
using Microsoft.Extensions.Options;

namespace Groundwork.Demo;

/// <summary>
/// Seeds the demo: the demo user (no password, no token, not an admin: it can sign in only through the demo route,
/// which exists only while the server runs with <c>--demo</c>) and the sample projects it manages, with their tasks.
/// Idempotent: a project is found again by its name among the demo user's own projects, and tasks by their unique ids,
/// so a second start adds nothing.
/// </summary>
public sealed partial class DemoSeeder(
    IUserStore users, IProjectStore projects, ITaskStore tasks, IOptions<DemoOptions> options, IOptions<StorageOptions> storage,
    TextWriter console, ILogger<DemoSeeder> logger)
{
    public const string DemoEmail = "demo@example.org";
    public const string DemoName = "Demo user";

    public async Task<IReadOnlyList<DemoSeedResult>> SeedAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.ResolvedDataDirectory;
        var manifest = await DemoManifest.ReadAsync(directory, cancellationToken);
        var catalog = await DemoCatalog.BuildAsync(manifest, directory, cancellationToken);
        var user = await EnsureUserAsync(cancellationToken);
        var mine = await projects.ListVisibleAsync(user.Id, isAdmin: false, cancellationToken);
        var results = new List<DemoSeedResult>();
        foreach (var demo in catalog)
        {
            var project = mine.FirstOrDefault(p => p.CreatedBy == user.Id && string.Equals(p.Name, demo.Name, StringComparison.Ordinal))
                ?? await projects.CreateAsync(new ProjectDraft(demo.Name, demo.LabelConfig, demo.Instructions, demo.Overlap), user.Id, cancellationToken);
            ImportResult imported;
            using (var spool = TaskSpool.Create(Path.Combine(storage.Value.DataDirectory, "spool")))
            {
                foreach (var task in demo.Tasks)
                {
                    spool.Add(task);
                }

                using (ActorScope.Begin(new Actor(user.Id, "demo")))
                {
                    imported = await tasks.ImportAsync(project.Id, user.Id, spool, null, cancellationToken);
                }
            }

            LogSeeded(logger, project.Id, imported.Created, imported.Skipped);
            results.Add(new DemoSeedResult(project.Id, project.Name, imported.Created, imported.Skipped));
        }

        await console.WriteLineAsync("Groundwork: DEMO MODE (--demo). Anyone who opens the web UI is signed in as "
            + $"{DemoEmail} (no password), who manages the sample projects: " + string.Join(", ", results.Select(r => $"#{r.ProjectId} \"{r.Name}\" ({r.Created} new tasks)")) + ".");
        await console.WriteLineAsync("Groundwork: demo sign-in exists only while the server runs with --demo; do not use --demo on a server others can reach.");
        return results;
    }

    private async Task<User> EnsureUserAsync(CancellationToken cancellationToken)
    {
        if (await users.GetByEmailAsync(DemoEmail, cancellationToken) is { } existing)
        {
            return existing;
        }

        return await users.CreateAsync(DemoEmail, DemoName, isAdmin: false, cancellationToken)
            ?? await users.GetByEmailAsync(DemoEmail, cancellationToken) // another process made it first
            ?? throw new InvalidOperationException($"The demo user {DemoEmail} could not be created.");
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Demo project {ProjectId}: {Created} tasks created, {Skipped} already there")]
    private static partial void LogSeeded(ILogger logger, long projectId, long created, long skipped);
}
