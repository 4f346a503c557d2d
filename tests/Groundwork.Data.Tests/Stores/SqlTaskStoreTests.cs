using Groundwork.Core.Annotations;
using Groundwork.Core.Export;
using Groundwork.Core.Import;
using Groundwork.Core.Tasks;

namespace Groundwork.Data.Tests.Stores;

public sealed class SqlTaskStoreTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Import_SkipsUniqueIdsSeenBeforeOrEarlierInTheSameSpool(string provider)
    {
        await using var store = await TestStore.OpenAsync(provider);
        var (userId, project) = await store.SeedAsync();
        using (var first = TaskSpool.Create())
        {
            first.Add(new ImportTask("""{"n":1}""", "a"));
            await store.Tasks.ImportAsync(project.Id, userId, first, null, CancellationToken.None);
        }

        using var second = TaskSpool.Create();
        second.Add(new ImportTask("""{"n":2}""", "a"));
        second.Add(new ImportTask("""{"n":3}""", "b"));
        second.Add(new ImportTask("""{"n":4}""", "b"));
        second.Add(new ImportTask("""{"n":5}"""));
        var result = await store.Tasks.ImportAsync(project.Id, userId, second, null, CancellationToken.None);

        Assert.Equal(2, result.Created);
        Assert.Equal(2, result.Skipped);
        var page = await store.Tasks.ListAsync(new TaskQuery(project.Id), CancellationToken.None);
        Assert.Equal([1, 3, 5], page.Items.Select(t => System.Text.Json.JsonDocument.Parse(t.DataJson).RootElement.GetProperty("n").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Export_MergesAnnotationsAndPredictionsIntoTheirTasks_AcrossFetchBatches(string provider)
    {
        await using var store = await TestStore.OpenAsync(provider);
        var (userId, project) = await store.SeedAsync(overlap: 3);
        using var spool = TaskSpool.Create();
        for (var i = 0; i < 5_000; i++)
        {
            var annotations = i % 3 == 0 ? $$$"""[{"result":[{"id":"a{{{i}}}"}],"lead_time":{{{i}}}},{"result":[{"id":"b{{{i}}}"}]}]""" : null;
            var predictions = i % 7 == 0 ? $$$"""[{"result":[{"id":"p{{{i}}}"}],"model_version":"m","score":0.5}]""" : null;
            spool.Add(new ImportTask($$$"""{"i":{{{i}}}}""", $"u{i}", AnnotationsJson: annotations, PredictionsJson: predictions));
        }

        var result = await store.Tasks.ImportAsync(project.Id, userId, spool, null, CancellationToken.None);
        var exported = new List<ExportTask>();
        await foreach (var task in store.Export.ReadProjectAsync(project.Id, CancellationToken.None))
        {
            exported.Add(task);
        }

        Assert.Equal(5_000, result.Created);
        Assert.Equal(1_667 * 2, result.Annotations);
        Assert.Equal(715, result.Predictions);
        Assert.Equal(5_000, exported.Count);
        for (var i = 0; i < exported.Count; i++)
        {
            var task = exported[i];
            Assert.Equal($"u{i}", task.UniqueId);
            Assert.Equal(i % 3 == 0 ? 2 : 0, task.Annotations.Count);
            Assert.Equal(i % 7 == 0 ? 1 : 0, task.Predictions.Count);
            if (i % 3 == 0)
            {
                Assert.Contains($"\"a{i}\"", task.Annotations[0].ResultJson, StringComparison.Ordinal);
                Assert.Equal(i, task.Annotations[0].LeadTime);
                Assert.Equal(AnnotationOrigins.Imported, task.Annotations[0].Origin);
                Assert.Equal(TaskStatusNames.InProgress, task.Status);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ConcurrentAnnotations_NeverExceedTheOverlap(string provider)
    {
        await using var store = await TestStore.OpenAsync(provider);
        var (userId, project) = await store.SeedAsync(overlap: 2);
        using (var spool = TaskSpool.Create())
        {
            spool.Add(new ImportTask("{}"));
            await store.Tasks.ImportAsync(project.Id, userId, spool, null, CancellationToken.None);
        }

        var taskId = (await store.Tasks.ListAsync(new TaskQuery(project.Id), CancellationToken.None)).Items[0].Id;
        var authors = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            authors.Add((await store.Users.CreateAsync($"a{i}@example.com", "a", false, CancellationToken.None))!.Id);
        }

        var outcomes = await Task.WhenAll(authors.Select(author => Task.Run(() =>
            store.Annotations.CreateAsync(project.Id, taskId, author, new AnnotationDraft("[]", 1), AnnotationSubmission.Direct, CancellationToken.None))));

        Assert.Equal(2, outcomes.Count(o => o.Succeeded));
        var task = await store.Tasks.GetAsync(project.Id, taskId, CancellationToken.None);
        Assert.Equal(2, task!.AnnotationCount);
        Assert.Equal(LabelingTaskStatus.Completed, task.Status);
        Assert.Equal(2, (await store.Annotations.ListForTaskAsync(project.Id, taskId, CancellationToken.None)).Count);
    }
}
