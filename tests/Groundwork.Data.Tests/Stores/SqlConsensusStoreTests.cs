using Groundwork.Core.Import;
using Groundwork.Core.Quality;
using Groundwork.Core.Tasks;
using Groundwork.Data.Stores;

namespace Groundwork.Data.Tests.Stores;

public sealed class SqlConsensusStoreTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Save_RewritesOnlyChangedOutcomes_AndDropsTasksThatLeft(string provider)
    {
        await using var store = await TestStore.OpenAsync(provider);
        var (userId, project) = await store.SeedAsync();
        using (var spool = TaskSpool.Create())
        {
            for (var i = 0; i < 3; i++)
            {
                spool.Add(new ImportTask($$"""{"n":{{i}}}"""));
            }

            await store.Tasks.ImportAsync(project.Id, userId, spool, null, CancellationToken.None);
        }

        var ids = (await store.Tasks.ListAsync(new TaskQuery(project.Id), CancellationToken.None)).Items.Select(t => t.Id).ToList();
        var consensus = new SqlConsensusStore(store.Db);
        var first = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var second = first.AddHours(1);
        TaskConsensus Row(int i, string label, double confidence, DateTimeOffset at) => new(ids[i], "mv", label, confidence, "[]", 2, at);

        await consensus.SaveAsync(project.Id, "s1", [Row(0, "a", 1.0, first), Row(1, "b", 0.5, first), Row(2, "a", 0.75, first)], [], CancellationToken.None);
        // Second pass: task 0 unchanged (within tolerance), task 1 flipped, task 2 gone.
        await consensus.SaveAsync(project.Id, "s2", [Row(0, "a", 1.0 - 1e-9, second), Row(1, "a", 0.5, second)], [], CancellationToken.None);

        var rows = await consensus.ListAsync(project.Id, 0, 10, CancellationToken.None);
        Assert.Equal([ids[0], ids[1]], rows.Select(r => r.TaskId));
        Assert.Equal(first, rows[0].ComputedAt);
        Assert.Equal(1.0, rows[0].Confidence);
        Assert.Equal(second, rows[1].ComputedAt);
        Assert.Equal("a", rows[1].Label);
        Assert.Null(await consensus.GetAsync(project.Id, ids[2], CancellationToken.None));
    }
}
