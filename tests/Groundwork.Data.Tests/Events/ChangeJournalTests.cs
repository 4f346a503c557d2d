using System.Globalization;
using System.Text.Json;
using Groundwork.Core.Annotations;
using Groundwork.Core.Events;
using Groundwork.Core.Import;
using Groundwork.Core.Tasks;
using Groundwork.Data.Events;
using Groundwork.Data.Tests.Stores;

namespace Groundwork.Data.Tests.Events;

public sealed class ChangeJournalTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Record_QueuesOneDeliveryPerActiveSubscriberOfTheKind_AndAuditsTheActor(string provider)
    {
        await using var store = await TestStore.OpenAsync(provider);
        var (userId, project) = await store.SeedAsync();
        var webhooks = new SqlWebhookStore(store.Db, TimeProvider.System);
        var wants = await webhooks.CreateAsync(project.Id, new WebhookDraft("http://a.example/", [EventKinds.AnnotationCreated, EventKinds.TaskCompleted], true), "s", userId, CancellationToken.None);
        await webhooks.CreateAsync(project.Id, new WebhookDraft("http://b.example/", [EventKinds.TaskCreated], true), "s", userId, CancellationToken.None);
        await webhooks.CreateAsync(project.Id, new WebhookDraft("http://c.example/", [EventKinds.AnnotationCreated], false), "s", userId, CancellationToken.None);
        var journal = new ChangeJournal(store.Db, TimeProvider.System);

        using (ActorScope.Begin(new Actor(userId, "10.0.0.7")))
        {
            await using var scope = await store.Db.BeginWriteAsync(CancellationToken.None);
            await journal.RecordAsync(scope, new ChangeEvent(EventKinds.AnnotationCreated, project.Id, "annotation", "9", """{"task_id":1}""", """{"annotation":{"id":9}}"""), CancellationToken.None);
            await journal.RecordAsync(scope, new ChangeEvent(AuditActions.ProjectUpdated, project.Id, "project", "1"), CancellationToken.None);
            await scope.CommitAsync(CancellationToken.None);
        }

        var deliveries = await webhooks.ListDeliveriesAsync(project.Id, wants.Id, null, 10, CancellationToken.None);
        var delivery = Assert.Single(deliveries);
        Assert.Equal("http://a.example/", delivery.TargetUrl);
        using var payload = JsonDocument.Parse(delivery.PayloadJson);
        Assert.Equal(9, payload.RootElement.GetProperty("data").GetProperty("annotation").GetProperty("id").GetInt32());
        Assert.Equal(userId, payload.RootElement.GetProperty("actor").GetProperty("user_id").GetInt64());
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM webhook_deliveries"));

        var audit = await new SqlAuditLog(store.Db).QueryAsync(new AuditQuery(project.Id, EventKinds.AnnotationCreated), CancellationToken.None);
        var entry = Assert.Single(audit.Items);
        Assert.Equal((userId, "10.0.0.7", "annotation", "9"), (entry.ActorId!.Value, entry.ActorAddress!, entry.SubjectType, entry.SubjectId!));
        Assert.Single((await new SqlAuditLog(store.Db).QueryAsync(new AuditQuery(project.Id, AuditActions.ProjectUpdated), CancellationToken.None)).Items);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task CompletingATaskWithACallbackUrl_QueuesTheCallback_WithTheTaskAndItsAnnotations(string provider)
    {
        await using var store = await TestStore.OpenAsync(provider);
        var (userId, project) = await store.SeedAsync(overlap: 1);
        using (var spool = TaskSpool.Create())
        {
            spool.Add(new ImportTask("""{"text":"x"}""", "t1", CallbackUrl: "https://receiver.example/cb"));
            spool.Add(new ImportTask("""{"text":"y"}""", "t2"));
            await store.Tasks.ImportAsync(project.Id, userId, spool, null, CancellationToken.None);
        }

        var tasks = (await store.Tasks.ListAsync(new TaskQuery(project.Id), CancellationToken.None)).Items;
        await store.Annotations.CreateAsync(project.Id, tasks[0].Id, userId, new AnnotationDraft("""[{"value":{"choices":["a"]}}]""", 1), AnnotationSubmission.Direct, CancellationToken.None);
        await store.Annotations.CreateAsync(project.Id, tasks[1].Id, userId, new AnnotationDraft("[]", 1), AnnotationSubmission.Direct, CancellationToken.None);

        var webhooks = new SqlWebhookStore(store.Db, TimeProvider.System);
        var callback = Assert.Single(await webhooks.ListDeliveriesAsync(project.Id, null, null, 10, CancellationToken.None));
        Assert.Equal("https://receiver.example/cb", callback.TargetUrl);
        Assert.Equal(EventKinds.TaskCompleted, callback.Event);
        using var payload = JsonDocument.Parse(callback.PayloadJson);
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal(tasks[0].Id, data.GetProperty("task").GetProperty("id").GetInt64());
        Assert.Equal("completed", data.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal("a", data.GetProperty("annotations")[0].GetProperty("result")[0].GetProperty("value").GetProperty("choices")[0].GetString());
        Assert.Equal(2, await CountAsync(store, $"SELECT COUNT(*) FROM audit_events WHERE action = '{EventKinds.TaskCompleted}'"));
        Assert.Equal(tasks[0].Id.ToString(CultureInfo.InvariantCulture), await TextAsync(store, $"SELECT subject_id FROM audit_events WHERE action = '{EventKinds.TaskCompleted}' ORDER BY id LIMIT 1"));
    }

    private static async Task<long> CountAsync(TestStore store, string sql) =>
        Convert.ToInt64(await ScalarAsync(store, sql), CultureInfo.InvariantCulture);

    private static async Task<string?> TextAsync(TestStore store, string sql) =>
        Convert.ToString(await ScalarAsync(store, sql), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(TestStore store, string sql)
    {
        await using var connection = await store.Db.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
