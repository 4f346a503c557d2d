using Dapper;
using Groundwork.Core.Annotations;
using Groundwork.Core.Events;
using Groundwork.Data.Stores;

namespace Groundwork.Data.Events;

/// <summary>
/// Records changes inside the caller's write transaction (the transactional outbox): an audit event,
/// and one outbox delivery per active subscription of the project that wants the event's kind, so a
/// change and its notifications commit or roll back together. The actor comes from <see cref="ActorScope"/>.
/// <para>Usage from a store: <c>await journal.RecordAsync(scope, new ChangeEvent(...), ct)</c> before
/// <c>scope.CommitAsync</c>; after a lifecycle step that completes a task, <see cref="TaskCompletedAsync"/>.</para>
/// </summary>
public sealed class ChangeJournal(GroundworkDatabase db, TimeProvider clock)
{
    /// <summary>Appends the audit event and, for a webhook event, queues a delivery to each subscriber.</summary>
    public async Task RecordAsync(WriteScope scope, ChangeEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(change);

        // The audit event and the deliveries to every subscriber that wants it: one command, one round trip.
        var batch = new SqlBatch();
        AddRecord(batch, change, deliver: true);
        await batch.ExecuteAsync(scope, cancellationToken);
    }

    /// <summary>
    /// Adds <paramref name="change"/>'s audit event to <paramref name="batch"/> and, for a webhook event when
    /// <paramref name="deliver"/> (the caller may know nobody subscribed), its deliveries to every subscriber.
    /// </summary>
    internal void AddRecord(SqlBatch batch, ChangeEvent change, bool deliver)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(change);
        var now = clock.GetUtcNow();
        var actor = ActorScope.Current;
        var prefix = batch.NewPrefix();
        batch.Add(AuditSql(prefix), AuditParameters(prefix, change, now, actor));
        if (deliver && change.IsWebhookEvent)
        {
            var payload = EventPayloads.Envelope(Guid.NewGuid(), change.Action, now, change.ProjectId!.Value, actor, change.PayloadJson ?? "{}");
            batch.Add(EnqueueSql(prefix), new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [prefix + "kind"] = change.Action,
                [prefix + "payload"] = payload,
                [prefix + "yes"] = true,
                [prefix + "pattern"] = Pattern(change.Action),
            });
        }
    }

    /// <summary>Whether an active subscription of the project wants <paramref name="kind"/>: lets callers skip building costly payloads.</summary>
    public async Task<bool> IsWantedAsync(WriteScope scope, long projectId, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var found = await scope.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM webhooks WHERE project_id = @projectId AND active = @yes AND events LIKE @pattern LIMIT 1",
            new { projectId, yes = true, pattern = Pattern(kind) },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return found is not null;
    }

    /// <summary>
    /// Records that a task reached <c>completed</c>: the audit event, a <c>task.completed</c> delivery
    /// (the task with its annotations, less those a review rejected) to each subscriber, and one to the task's <c>callback_url</c> if it has one.
    /// Call it in the transaction that completed the task, after its annotations are written.
    /// </summary>
    public async Task TaskCompletedAsync(WriteScope scope, long projectId, long taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = clock.GetUtcNow();
        var actor = ActorScope.Current;
        var change = ChangeEvent.ForTask(EventKinds.TaskCompleted, projectId, taskId);

        // The audit event, the task's callback and whether anyone subscribed: one command, one round trip.
        string? callbackUrl;
        bool subscribed;
        await using (var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            {AuditSql(string.Empty)};
            SELECT callback_url,
                   CASE WHEN EXISTS (SELECT 1 FROM webhooks WHERE project_id = @ProjectId AND active = @yes AND events LIKE @pattern) THEN 1 ELSE 0 END
            FROM tasks WHERE id = @taskId
            """,
            new
            {
                now,
                actorId = actor?.UserId,
                address = actor?.Address,
                change.ProjectId,
                change.Action,
                change.SubjectType,
                change.SubjectId,
                change.DetailsJson,
                taskId,
                yes = true,
                pattern = Pattern(EventKinds.TaskCompleted),
            },
            scope.Transaction,
            cancellationToken: cancellationToken)))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"Task {taskId} does not exist in project {projectId}.");
            }

            callbackUrl = reader.IsDBNull(0) ? null : reader.GetString(0);
            subscribed = reader.GetInt32(1) != 0;
        }

        if (callbackUrl is null && !subscribed)
        {
            return;
        }

        var task = await TaskRows.LockAsync(db, scope, projectId, taskId, cancellationToken)
            ?? throw new InvalidOperationException($"Task {taskId} does not exist in project {projectId}.");
        var annotations = new List<Annotation>();
        await using (var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.AnnotationColumns(db)} FROM annotations WHERE task_id = @taskId AND (review_state IS NULL OR review_state <> 'rejected') ORDER BY id",
            new { taskId },
            scope.Transaction,
            cancellationToken: cancellationToken)))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                annotations.Add(Rows.Annotation(reader));
            }
        }

        var payload = EventPayloads.Envelope(Guid.NewGuid(), EventKinds.TaskCompleted, now, projectId, actor, EventPayloads.TaskWithAnnotations(task, callbackUrl, annotations));
        if (subscribed)
        {
            await EnqueueForSubscribersAsync(scope, projectId, EventKinds.TaskCompleted, payload, now, cancellationToken);
        }

        if (callbackUrl is not null)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO webhook_deliveries (project_id, webhook_id, target_url, event, payload, state, attempts, next_attempt_at, created_at)
                VALUES (@projectId, NULL, @callbackUrl, @kind, @payload, 'pending', 0, @now, @now)
                """,
                new { projectId, callbackUrl, kind = EventKinds.TaskCompleted, payload, now },
                scope.Transaction,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// Queues <c>task.created</c> for the tasks of an import that match <paramref name="taskPredicate"/>
    /// (SQL over alias <c>t</c>, parameters in <paramref name="parameters"/>), with one INSERT ... SELECT
    /// and only when a subscription wants it: an import nobody listens to pays one indexed lookup.
    /// </summary>
    internal async Task<int> TasksCreatedAsync(WriteScope scope, long projectId, string taskPredicate, DynamicParameters parameters, CancellationToken cancellationToken)
    {
        if (!await IsWantedAsync(scope, projectId, EventKinds.TaskCreated, cancellationToken))
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var actor = ActorScope.Current;
        parameters.Add("projectId", projectId);
        parameters.Add("kind", EventKinds.TaskCreated);
        parameters.Add("pattern", Pattern(EventKinds.TaskCreated));
        parameters.Add("yes", true);
        parameters.Add("now", now);
        parameters.Add("nowText", now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        parameters.Add("actorJson", actor?.UserId is { } userId ? EventPayloads.Details(("user_id", userId)) : "null");
        // event_id: 16 random hex digits for this import, then the task id in 16: the same for every subscriber of one task's event.
        parameters.Add("eventSeed", Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
        var payload = db.Provider == DatabaseProvider.Postgres
            ? """
              json_build_object('event_id', @eventSeed || lpad(to_hex(t.id), 16, '0'), 'event', @kind, 'occurred_at', @nowText, 'project_id', t.project_id,
                'actor', CAST(@actorJson AS json),
                'data', json_build_object('task', json_build_object('id', t.id, 'project_id', t.project_id, 'data', t.data, 'unique_id', t.unique_id,
                  'meta', t.metadata, 'priority', t.priority, 'batch', t.batch, 'status', t.status, 'annotation_count', t.annotation_count,
                  'callback_url', t.callback_url, 'created_at', @nowText, 'updated_at', @nowText)))::text
              """
            : """
              json_object('event_id', @eventSeed || printf('%016x', t.id), 'event', @kind, 'occurred_at', @nowText, 'project_id', t.project_id,
                'actor', json(@actorJson),
                'data', json_object('task', json_object('id', t.id, 'project_id', t.project_id, 'data', json(t.data), 'unique_id', t.unique_id,
                  'meta', json(t.metadata), 'priority', t.priority, 'batch', t.batch, 'status', t.status, 'annotation_count', t.annotation_count,
                  'callback_url', t.callback_url, 'created_at', @nowText, 'updated_at', @nowText)))
              """;
        var yes = db.Provider == DatabaseProvider.Postgres ? "w.active" : "w.active = 1";
        return await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO webhook_deliveries (project_id, webhook_id, target_url, event, payload, state, attempts, next_attempt_at, created_at)
            SELECT t.project_id, w.id, w.url, @kind, {payload}, 'pending', 0, @now, @now
            FROM tasks t JOIN webhooks w ON w.project_id = t.project_id AND {yes} AND w.events LIKE @pattern
            WHERE t.project_id = @projectId AND {taskPredicate}
            ORDER BY t.id, w.id
            """,
            parameters,
            scope.Transaction,
            commandTimeout: 0,
            cancellationToken: cancellationToken));
    }

    /// <summary>The LIKE pattern that finds <paramref name="kind"/> in a subscription's space-delimited events column.</summary>
    internal static string Pattern(string kind) => "% " + kind + " %";

    /// <summary>The deliveries of one event to every active subscriber that wants it; parameters named with <paramref name="p"/>, project as <c>@{p}ProjectId</c>.</summary>
    private static string EnqueueSql(string p) => $"""
        INSERT INTO webhook_deliveries (project_id, webhook_id, target_url, event, payload, state, attempts, next_attempt_at, created_at)
        SELECT project_id, id, url, @{p}kind, @{p}payload, 'pending', 0, @{p}now, @{p}now
        FROM webhooks WHERE project_id = @{p}ProjectId AND active = @{p}yes AND events LIKE @{p}pattern
        ORDER BY id
        """;

    /// <summary>One audit event; parameters named with <paramref name="p"/> so two can share a batch.</summary>
    private string AuditSql(string p) => $"""
        INSERT INTO audit_events (occurred_at, actor_id, actor_address, project_id, action, subject_type, subject_id, details)
        VALUES (@{p}now, @{p}actorId, @{p}address, @{p}ProjectId, @{p}Action, @{p}SubjectType, @{p}SubjectId, {db.JsonParameter($"@{p}DetailsJson")})
        """;

    private static Dictionary<string, object?> AuditParameters(string p, ChangeEvent change, DateTimeOffset now, Actor? actor) => new(StringComparer.Ordinal)
    {
        [p + "now"] = now,
        [p + "actorId"] = actor?.UserId,
        [p + "address"] = actor?.Address,
        [p + "ProjectId"] = change.ProjectId,
        [p + "Action"] = change.Action,
        [p + "SubjectType"] = change.SubjectType,
        [p + "SubjectId"] = change.SubjectId,
        [p + "DetailsJson"] = change.DetailsJson,
    };

    private static Task<int> EnqueueForSubscribersAsync(WriteScope scope, long projectId, string kind, string payload, DateTimeOffset now, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            EnqueueSql(string.Empty),
            new { ProjectId = projectId, kind, payload, now, yes = true, pattern = Pattern(kind) },
            scope.Transaction,
            cancellationToken: cancellationToken));
}
