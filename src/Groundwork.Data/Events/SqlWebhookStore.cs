using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Groundwork.Core.Events;

namespace Groundwork.Data.Events;

/// <summary>
/// Subscriptions, the outbox and its attempt log. Claims are the multi-process part: PostgreSQL takes due
/// rows with <c>FOR UPDATE SKIP LOCKED</c>, so processes never wait on or take each other's rows; SQLite
/// claims with one <c>UPDATE ... RETURNING</c> inside its single-writer transaction.
/// </summary>
public sealed class SqlWebhookStore(GroundworkDatabase db, TimeProvider clock) : IWebhookStore
{
    private const string WebhookColumns = "id, project_id, url, events, active, created_by, created_at, updated_at";
    private const int MaxErrorLength = 500;
    private readonly ChangeJournal _journal = new(db, clock);

    public async Task<Webhook> CreateAsync(long projectId, WebhookDraft draft, string protectedSecret, long? createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var id = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO webhooks (project_id, url, secret, events, active, created_by, created_at, updated_at)
            VALUES (@projectId, @url, @protectedSecret, @events, @active, @createdBy, @now, @now)
            RETURNING id
            """,
            new { projectId, url = draft.Url, protectedSecret, events = EventsColumn(draft.Events), active = draft.Active, createdBy, now },
            scope.Transaction,
            cancellationToken: cancellationToken));
        var webhook = new Webhook(id, projectId, draft.Url, draft.Events, draft.Active, createdBy, now, now);
        await _journal.RecordAsync(scope, new ChangeEvent(AuditActions.WebhookCreated, projectId, "webhook", Text(id), Details(webhook)), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return webhook;
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {WebhookColumns} FROM webhooks WHERE project_id = @projectId ORDER BY id", new { projectId }, cancellationToken: cancellationToken));
        var list = new List<Webhook>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadWebhook(reader));
        }

        return list;
    }

    public async Task<Webhook?> GetAsync(long projectId, long webhookId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ReadWebhookAsync(connection, null, projectId, webhookId, cancellationToken);
    }

    public async Task<Webhook?> UpdateAsync(long projectId, long webhookId, WebhookDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhooks SET url = @url, events = @events, active = @active, updated_at = @now WHERE project_id = @projectId AND id = @webhookId",
            new { url = draft.Url, events = EventsColumn(draft.Events), active = draft.Active, now, projectId, webhookId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return null;
        }

        var webhook = await ReadWebhookAsync(scope.Connection, scope.Transaction, projectId, webhookId, cancellationToken);
        await _journal.RecordAsync(scope, new ChangeEvent(AuditActions.WebhookUpdated, projectId, "webhook", Text(webhookId), Details(webhook!)), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return webhook;
    }

    public async Task<bool> DeleteAsync(long projectId, long webhookId, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var webhook = await ReadWebhookAsync(scope.Connection, scope.Transaction, projectId, webhookId, cancellationToken);
        if (webhook is null)
        {
            return false;
        }

        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhooks WHERE id = @webhookId", new { webhookId }, scope.Transaction, cancellationToken: cancellationToken));
        await _journal.RecordAsync(scope, new ChangeEvent(AuditActions.WebhookDeleted, projectId, "webhook", Text(webhookId), Details(webhook)), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> SetSecretAsync(long projectId, long webhookId, string protectedSecret, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhooks SET secret = @protectedSecret, updated_at = @now WHERE project_id = @projectId AND id = @webhookId",
            new { protectedSecret, now = clock.GetUtcNow(), projectId, webhookId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return false;
        }

        await _journal.RecordAsync(scope, new ChangeEvent(AuditActions.WebhookSecretRotated, projectId, "webhook", Text(webhookId)), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<string?> GetProtectedSecretAsync(long projectId, long? webhookId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return webhookId is { } id
            ? await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT secret FROM webhooks WHERE project_id = @projectId AND id = @id", new { projectId, id }, cancellationToken: cancellationToken))
            : await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT secret FROM callback_secrets WHERE project_id = @projectId", new { projectId }, cancellationToken: cancellationToken));
    }

    public async Task<string> EnsureCallbackSecretAsync(long projectId, string protectedSecret, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO callback_secrets (project_id, secret, created_at) VALUES (@projectId, @protectedSecret, @now) ON CONFLICT (project_id) DO NOTHING",
            new { projectId, protectedSecret, now = clock.GetUtcNow() },
            scope.Transaction,
            cancellationToken: cancellationToken));
        var stored = await scope.Connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT secret FROM callback_secrets WHERE project_id = @projectId", new { projectId }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return stored!;
    }

    public async Task SetCallbackSecretAsync(long projectId, string protectedSecret, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO callback_secrets (project_id, secret, created_at) VALUES (@projectId, @protectedSecret, @now)
            ON CONFLICT (project_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at
            """,
            new { projectId, protectedSecret, now = clock.GetUtcNow() },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await _journal.RecordAsync(scope, new ChangeEvent(AuditActions.CallbackSecretRotated, projectId, "project", Text(projectId)), cancellationToken);
        await scope.CommitAsync(cancellationToken);
    }

    public async Task<WebhookDelivery?> PingAsync(long projectId, long webhookId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var webhook = await ReadWebhookAsync(scope.Connection, scope.Transaction, projectId, webhookId, cancellationToken);
        if (webhook is null)
        {
            return null;
        }

        var payload = EventPayloads.Envelope(Guid.NewGuid(), EventKinds.Ping, now, projectId, ActorScope.Current, EventPayloads.Details(("webhook_id", webhookId)));
        var id = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (project_id, webhook_id, target_url, event, payload, state, attempts, next_attempt_at, created_at)
            VALUES (@projectId, @webhookId, @url, @kind, @payload, 'pending', 0, @now, @now)
            RETURNING id
            """,
            new { projectId, webhookId, url = webhook.Url, kind = EventKinds.Ping, payload, now },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return new WebhookDelivery(id, projectId, webhookId, webhook.Url, EventKinds.Ping, payload, DeliveryStates.Pending, 0, now, null, null, now, null, null);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(long projectId, long? webhookId, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {DeliveryColumns("")} FROM webhook_deliveries WHERE project_id = @projectId");
        sql.Append(webhookId is null ? " AND webhook_id IS NULL" : " AND webhook_id = @webhookId");
        if (beforeId is not null)
        {
            sql.Append(" AND id < @beforeId");
        }

        sql.Append(" ORDER BY id DESC LIMIT @limit");
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            sql.ToString(), new { projectId, webhookId, beforeId, limit = Math.Clamp(limit, 1, 1000) }, cancellationToken: cancellationToken));
        return await ReadDeliveriesAsync(reader, cancellationToken);
    }

    public async Task<WebhookDelivery?> GetDeliveryAsync(long projectId, long deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {DeliveryColumns("")} FROM webhook_deliveries WHERE project_id = @projectId AND id = @deliveryId",
            new { projectId, deliveryId },
            cancellationToken: cancellationToken));
        var list = await ReadDeliveriesAsync(reader, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(IReadOnlyCollection<long> deliveryIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        if (deliveryIds.Count == 0)
        {
            return [];
        }

        var ids = string.Join(",", deliveryIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT id, delivery_id, status_code, error, duration_ms, attempted_at FROM webhook_attempts WHERE delivery_id IN ({ids}) ORDER BY id",
            cancellationToken: cancellationToken));
        var list = new List<DeliveryAttempt>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DeliveryAttempt(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return list;
    }

    public async Task<WebhookDelivery?> RedeliverAsync(long projectId, long deliveryId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries
            SET state = 'pending', next_attempt_at = @now, requeued_at = @now, claimed_until = NULL, claimed_by = NULL, delivered_at = NULL
            WHERE project_id = @projectId AND id = @deliveryId
            """,
            new { now, projectId, deliveryId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return null;
        }

        await _journal.RecordAsync(scope, new ChangeEvent(AuditActions.DeliveryRequeued, projectId, "webhook_delivery", Text(deliveryId)), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return await GetDeliveryAsync(projectId, deliveryId, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(string claimedBy, int batchSize, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sql = db.Provider == DatabaseProvider.Postgres
            ? $"""
              WITH due AS (
                  SELECT id FROM webhook_deliveries
                  WHERE state = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                  ORDER BY next_attempt_at, id
                  LIMIT @batchSize
                  FOR UPDATE SKIP LOCKED)
              UPDATE webhook_deliveries d SET claimed_until = @claimUntil, claimed_by = @claimedBy
              FROM due WHERE d.id = due.id
              RETURNING {DeliveryColumns("d.")}
              """
            : $"""
              UPDATE webhook_deliveries SET claimed_until = @claimUntil, claimed_by = @claimedBy
              WHERE id IN (
                  SELECT id FROM webhook_deliveries
                  WHERE state = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                  ORDER BY next_attempt_at, id
                  LIMIT @batchSize)
              RETURNING {DeliveryColumns("")}
              """;
        // A plain read first: an idle outbox costs one indexed lookup, never a write transaction
        // (on SQLite that would queue behind a long import for nothing).
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            var due = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                SELECT id FROM webhook_deliveries
                WHERE state = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                LIMIT 1
                """,
                new { now },
                cancellationToken: cancellationToken));
            if (due is null)
            {
                return [];
            }
        }

        await using var scope = await db.BeginWriteAsync(cancellationToken);
        IReadOnlyList<WebhookDelivery> claimed;
        await using (var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { now, batchSize, claimUntil, claimedBy }, scope.Transaction, cancellationToken: cancellationToken)))
        {
            claimed = await ReadDeliveriesAsync(reader, cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task<int> PruneAsync(DateTimeOffset createdBefore, int max, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var deleted = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM webhook_deliveries WHERE id IN (
                SELECT id FROM webhook_deliveries WHERE state IN ('delivered', 'dead') AND created_at < @createdBefore ORDER BY id LIMIT @max)
            """,
            new { createdBefore, max },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task RecordAttemptAsync(long deliveryId, string claimedBy, DeliveryOutcome outcome, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var now = clock.GetUtcNow();
        var error = outcome.Error is { Length: > MaxErrorLength } tooLong ? tooLong[..MaxErrorLength] : outcome.Error;
        var state = outcome.Succeeded ? DeliveryStates.Delivered : nextAttemptAt is null ? DeliveryStates.Dead : DeliveryStates.Pending;
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_attempts (delivery_id, status_code, error, duration_ms, attempted_at, sent_by)
            SELECT id, @status, @error, @durationMs, @now, @claimedBy FROM webhook_deliveries WHERE id = @deliveryId
            """,
            new { deliveryId, status = outcome.StatusCode, error, durationMs = (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds), now, claimedBy },
            scope.Transaction,
            cancellationToken: cancellationToken));
        // The delivery may be gone (its subscription or project deleted meanwhile): then there is nothing to log.
        // Only the holder of the claim moves the delivery on: a redelivery requested meanwhile keeps its own schedule.
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries
            SET attempts = attempts + 1, last_status = @status, last_error = @error, state = @state,
                next_attempt_at = @next, delivered_at = @deliveredAt, claimed_until = NULL, claimed_by = NULL
            WHERE id = @deliveryId AND claimed_by = @claimedBy
            """,
            new
            {
                deliveryId,
                claimedBy,
                status = outcome.StatusCode,
                error,
                state,
                next = nextAttemptAt ?? now,
                deliveredAt = outcome.Succeeded ? now : (DateTimeOffset?)null,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }

    internal static string EventsColumn(IEnumerable<string> events) => " " + string.Join(' ', events) + " ";

    private static string DeliveryColumns(string alias) =>
        $"{alias}id, {alias}project_id, {alias}webhook_id, {alias}target_url, {alias}event, {alias}payload, {alias}state, {alias}attempts, {alias}next_attempt_at, " +
        $"{alias}last_status, {alias}last_error, {alias}created_at, {alias}requeued_at, {alias}delivered_at";

    private static async Task<IReadOnlyList<WebhookDelivery>> ReadDeliveriesAsync(DbDataReader r, CancellationToken cancellationToken)
    {
        var list = new List<WebhookDelivery>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new WebhookDelivery(
                r.GetInt64(0),
                r.GetInt64(1),
                r.IsDBNull(2) ? null : r.GetInt64(2),
                r.GetString(3),
                r.GetString(4),
                r.GetString(5),
                r.GetString(6),
                r.GetInt32(7),
                r.GetFieldValue<DateTimeOffset>(8),
                r.IsDBNull(9) ? null : r.GetInt32(9),
                r.IsDBNull(10) ? null : r.GetString(10),
                r.GetFieldValue<DateTimeOffset>(11),
                r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
                r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13)));
        }

        return list;
    }

    private static async Task<Webhook?> ReadWebhookAsync(DbConnection connection, DbTransaction? transaction, long projectId, long webhookId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {WebhookColumns} FROM webhooks WHERE project_id = @projectId AND id = @webhookId",
            new { projectId, webhookId },
            transaction,
            cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? ReadWebhook(reader) : null;
    }

    private static Webhook ReadWebhook(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetString(2),
        r.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        r.GetBoolean(4),
        r.IsDBNull(5) ? null : r.GetInt64(5),
        r.GetFieldValue<DateTimeOffset>(6),
        r.GetFieldValue<DateTimeOffset>(7));

    private static string Details(Webhook webhook) =>
        EventPayloads.Details(("url", webhook.Url), ("events", webhook.Events), ("active", webhook.Active));

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
