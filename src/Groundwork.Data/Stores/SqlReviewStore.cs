using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Groundwork.Core;
using Groundwork.Core.Annotations;
using Groundwork.Core.Events;
using Groundwork.Core.Queue;
using Groundwork.Core.Reviews;
using Groundwork.Core.Tasks;
using Groundwork.Data.Events;

namespace Groundwork.Data.Stores;

/// <summary>
/// The review queue and decisions in SQL. A review lease lives on the annotation row (<c>review_lease_by</c>,
/// <c>review_lease_until</c>): on PostgreSQL the queue takes its candidate with <c>FOR UPDATE OF a SKIP LOCKED</c> and
/// writes the lease into that row, so a concurrent reviewer either skips the locked row or, once it is committed,
/// sees the lease when the row is re-checked under the lock; two reviewers never hold one annotation. On SQLite the
/// write transaction already excludes every other writer. A decision locks the task row, then the annotation row,
/// the order every path uses.
/// </summary>
public sealed class SqlReviewStore(GroundworkDatabase db, TimeProvider clock) : IReviewStore
{
    private readonly ChangeJournal _journal = new(db, clock);

    public async Task<ReviewItem?> NextAsync(long projectId, long reviewerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        PolicyRow? policy;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            policy = await ReadPolicyAsync(connection, null, projectId, cancellationToken);
        }

        if (policy?.Queue is not { } queue)
        {
            return null;
        }

        var until = now + TimeSpan.FromSeconds(policy.LeaseSeconds);
        long? picked;
        await using (var scope = await db.BeginWriteAsync(cancellationToken))
        {
            var forUpdate = db.Provider == DatabaseProvider.Postgres ? " FOR UPDATE OF a" : string.Empty;
            picked = await scope.Connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
                $"""
                SELECT a.id FROM annotations a JOIN tasks t ON t.id = a.task_id
                WHERE a.project_id = @projectId AND a.review_state IS NULL AND a.review_lease_by = @reviewerId AND a.review_lease_until > @now
                  AND t.status <> 'canceled'
                ORDER BY a.id LIMIT 1{forUpdate}
                """,
                new { projectId, reviewerId, now },
                scope.Transaction,
                cancellationToken: cancellationToken));
            if (picked is null)
            {
                var skipLocked = db.Provider == DatabaseProvider.Postgres ? " FOR UPDATE OF a SKIP LOCKED" : string.Empty;
                picked = await scope.Connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
                    $"""
                    SELECT a.id {Eligible(queue)}
                      AND a.author_id <> @reviewerId
                      AND (a.review_lease_until IS NULL OR a.review_lease_until <= @now)
                    ORDER BY {(queue.Policy == ReviewPolicy.Uncertain ? "c.confidence, " : string.Empty)}a.id
                    LIMIT 1{skipLocked}
                    """,
                    new { projectId, reviewerId, now, cut = queue.SampleCut, threshold = queue.Threshold },
                    scope.Transaction,
                    cancellationToken: cancellationToken));
            }

            if (picked is { } id)
            {
                await scope.Connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE annotations SET review_lease_by = @reviewerId, review_lease_until = @until WHERE id = @id",
                    new { reviewerId, until, id },
                    scope.Transaction,
                    cancellationToken: cancellationToken));
            }

            await scope.CommitAsync(cancellationToken);
        }

        if (picked is not { } annotationId)
        {
            return null;
        }

        await using var read = await db.OpenAsync(cancellationToken);
        var annotation = await ReadAnnotationAsync(read, null, projectId, annotationId, lockRow: false, cancellationToken);
        if (annotation is null)
        {
            return null;
        }

        LabelingTask? task;
        await using (var reader = await read.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.TaskColumns(db)} FROM tasks WHERE project_id = @projectId AND id = @TaskId",
            new { projectId, annotation.TaskId },
            cancellationToken: cancellationToken)))
        {
            task = await reader.ReadAsync(cancellationToken) ? Rows.Task(reader) : null;
        }

        if (task is null)
        {
            return null;
        }

        var confidence = await read.ExecuteScalarAsync<double?>(new CommandDefinition(
            "SELECT confidence FROM consensus WHERE task_id = @TaskId", new { annotation.TaskId }, cancellationToken: cancellationToken));
        return new ReviewItem(annotation, task, until, confidence);
    }

    public async Task<StoreOutcome<DecidedReview>> DecideAsync(long projectId, long annotationId, long reviewerId, ReviewDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var taskId = await scope.Connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT task_id FROM annotations WHERE id = @annotationId AND project_id = @projectId",
            new { annotationId, projectId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        var task = taskId is { } id ? await TaskRows.LockAsync(db, scope, projectId, id, cancellationToken) : null;
        var annotation = task is null ? null : await ReadAnnotationAsync(scope.Connection, scope.Transaction, projectId, annotationId, lockRow: true, cancellationToken);
        if (task is null || annotation is null)
        {
            return StoreOutcome<DecidedReview>.NotFound($"annotation {annotationId} does not exist in project {projectId}");
        }

        if (annotation.AuthorId == reviewerId)
        {
            return StoreOutcome<DecidedReview>.Forbidden($"annotation {annotationId} is your own: another reviewer must review it");
        }

        if (annotation.ReviewState is { } state)
        {
            return StoreOutcome<DecidedReview>.Conflict($"annotation {annotationId} was already reviewed ({state}); a decision is final");
        }

        var (goldKind, overlap) = await scope.Connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT CAST(t.gold_kind AS bigint), CAST(coalesce(t.overlap, p.overlap) AS bigint) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = @Id",
            new { task.Id },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if ((GoldKind)goldKind != GoldKind.None)
        {
            return StoreOutcome<DecidedReview>.Conflict($"annotation {annotationId} answers a gold task: gold answers are scored against the known answer, not reviewed");
        }

        var check = TaskLifecycle.CanReview(task.Status);
        if (!check.IsAllowed)
        {
            return StoreOutcome<DecidedReview>.Conflict($"annotation {annotationId} cannot be reviewed: {check.Reason}");
        }

        long? heldBy = null;
        DateTimeOffset? heldUntil = null;
        await using (var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT review_lease_by, review_lease_until FROM annotations WHERE id = @annotationId AND review_lease_by IS NOT NULL",
            new { annotationId },
            scope.Transaction,
            cancellationToken: cancellationToken)))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                heldBy = reader.GetInt64(0);
                heldUntil = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        if (heldBy is { } other && other != reviewerId && heldUntil > now)
        {
            return StoreOutcome<DecidedReview>.Conflict(
                $"annotation {annotationId} is being reviewed by user {other} until {heldUntil.Value.ToString("O", CultureInfo.InvariantCulture)}");
        }

        var (accepted, status) = TaskLifecycle.AfterReview(task.Status, task.AnnotationCount, (int)overlap, draft.Decision);
        var decision = draft.Decision.ToName();
        var fixedResult = draft.Decision == ReviewDecision.Fixed ? draft.ResultJson : null;
        var reviewId = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            INSERT INTO reviews (project_id, task_id, annotation_id, annotator_id, reviewer_id, decision, comment, result, created_at)
            VALUES (@projectId, @TaskId, @annotationId, @AuthorId, @reviewerId, @decision, @Comment, {db.JsonParameter("@fixedResult")}, @now)
            RETURNING id
            """,
            new { projectId, annotation.TaskId, annotationId, annotation.AuthorId, reviewerId, decision, draft.Comment, fixedResult, now },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE annotations SET review_state = @decision, fixed_result = {db.JsonParameter("@fixedResult")},
                review_lease_by = NULL, review_lease_until = NULL, updated_at = @now
            WHERE id = @annotationId
            """,
            new { decision, fixedResult, now, annotationId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (accepted != task.AnnotationCount || status != task.Status)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE tasks SET annotation_count = @accepted, status = @status, updated_at = @now WHERE id = @Id",
                new { accepted, status = status.ToName(), now, task.Id },
                scope.Transaction,
                cancellationToken: cancellationToken));
        }

        var review = new Review(reviewId, projectId, annotation.TaskId, annotationId, annotation.AuthorId, reviewerId, draft.Decision, draft.Comment, fixedResult, now);
        var reviewed = annotation with { ReviewState = decision, FixedResultJson = fixedResult, UpdatedAt = now };
        await _journal.RecordAsync(
            scope,
            new ChangeEvent(
                EventKinds.ReviewDecided,
                projectId,
                "review",
                reviewId.ToString(CultureInfo.InvariantCulture),
                EventPayloads.Details(
                    ("annotation_id", annotationId), ("task_id", annotation.TaskId), ("annotator_id", annotation.AuthorId),
                    ("decision", decision), ("comment", draft.Comment), ("task_status", status.ToName())),
                EventPayloads.ReviewDecided(review, reviewed, status, accepted)),
            cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<DecidedReview>.Success(new DecidedReview(review, status, accepted));
    }

    public async Task<IReadOnlyList<Review>> ListAsync(long projectId, ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder(
            $"SELECT id, project_id, task_id, annotation_id, annotator_id, reviewer_id, decision, comment, {db.JsonColumn("result")}, created_at FROM reviews WHERE project_id = @projectId AND id > @AfterId");
        if (query.TaskId is not null)
        {
            sql.Append(" AND task_id = @TaskId");
        }

        if (query.AnnotationId is not null)
        {
            sql.Append(" AND annotation_id = @AnnotationId");
        }

        if (query.AnnotatorId is not null)
        {
            sql.Append(" AND annotator_id = @AnnotatorId");
        }

        if (query.ReviewerId is not null)
        {
            sql.Append(" AND reviewer_id = @ReviewerId");
        }

        if (query.Decision is not null)
        {
            sql.Append(" AND decision = @decision");
        }

        sql.Append(" ORDER BY id LIMIT @Limit");
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            sql.ToString(),
            new { projectId, query.AfterId, query.TaskId, query.AnnotationId, query.AnnotatorId, query.ReviewerId, decision = query.Decision?.ToName(), query.Limit },
            cancellationToken: cancellationToken));
        var list = new List<Review>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Review(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                ReviewDecisionNames.Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return list;
    }

    public async Task<IReadOnlyList<AnnotatorReviewStats>> StatsAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long UserId, long Accepted, long Rejected, long Fixed)>(new CommandDefinition(
            """
            SELECT annotator_id,
                   CAST(sum(CASE WHEN decision = 'accepted' THEN 1 ELSE 0 END) AS bigint),
                   CAST(sum(CASE WHEN decision = 'rejected' THEN 1 ELSE 0 END) AS bigint),
                   CAST(sum(CASE WHEN decision = 'fixed' THEN 1 ELSE 0 END) AS bigint)
            FROM reviews WHERE project_id = @projectId GROUP BY annotator_id ORDER BY annotator_id
            """,
            new { projectId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new AnnotatorReviewStats(r.UserId, r.Accepted, r.Rejected, r.Fixed)).ToList();
    }

    public async Task<ReviewSummary?> SummaryAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var policy = await ReadPolicyAsync(connection, null, projectId, cancellationToken);
        if (policy is null)
        {
            return null;
        }

        long pending = 0;
        if (policy.Queue is { } queue)
        {
            pending = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT CAST(count(*) AS bigint) {Eligible(queue)}",
                new { projectId, cut = queue.SampleCut, threshold = queue.Threshold },
                cancellationToken: cancellationToken));
        }

        var (accepted, rejected, fixedCount) = await connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            """
            SELECT CAST(coalesce(sum(CASE WHEN decision = 'accepted' THEN 1 ELSE 0 END), 0) AS bigint),
                   CAST(coalesce(sum(CASE WHEN decision = 'rejected' THEN 1 ELSE 0 END), 0) AS bigint),
                   CAST(coalesce(sum(CASE WHEN decision = 'fixed' THEN 1 ELSE 0 END), 0) AS bigint)
            FROM reviews WHERE project_id = @projectId
            """,
            new { projectId },
            cancellationToken: cancellationToken));
        return new ReviewSummary(policy.Settings, pending, accepted, rejected, fixedCount);
    }

    /// <summary>
    /// FROM and WHERE of the annotations the policy offers and nobody has reviewed: human work (not imported) on ordinary,
    /// live tasks, drawn by the sample; for <c>uncertain</c>, only completed tasks whose consensus is below the threshold.
    /// Parameters: <c>@projectId</c>, <c>@cut</c>, <c>@threshold</c>.
    /// </summary>
    private static string Eligible(QueuePolicy queue) =>
        $"""
        FROM annotations a JOIN tasks t ON t.id = a.task_id{(queue.Policy == ReviewPolicy.Uncertain ? " JOIN consensus c ON c.task_id = a.task_id" : string.Empty)}
        WHERE a.project_id = @projectId AND a.review_state IS NULL AND a.origin <> '{AnnotationOrigins.Imported}'
          AND t.gold_kind = 0 AND t.status <> 'canceled'
          AND (a.id * {ProjectReviewSettings.SampleStride}) % {ProjectReviewSettings.SampleBuckets} < @cut
          {(queue.Policy == ReviewPolicy.Uncertain ? "AND t.status = 'completed' AND c.confidence < @threshold" : string.Empty)}
        """;

    private static async Task<PolicyRow?> ReadPolicyAsync(DbConnection connection, DbTransaction? transaction, long projectId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT review_policy, review_sample_rate, review_threshold, adaptive_target, lease_seconds FROM projects WHERE id = @projectId",
            new { projectId },
            transaction,
            cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var settings = new ProjectReviewSettings(
            ReviewPolicyNames.Parse(reader.GetString(0)),
            reader.GetDouble(1),
            reader.IsDBNull(2) ? null : reader.GetDouble(2));
        double? adaptiveTarget = reader.IsDBNull(3) ? null : reader.GetDouble(3);
        var threshold = settings.EffectiveThreshold(adaptiveTarget);
        QueuePolicy? queue = settings.Policy switch
        {
            ReviewPolicy.All => new QueuePolicy(ReviewPolicy.All, settings.SampleCut, null),
            ReviewPolicy.Uncertain when threshold is { } t => new QueuePolicy(ReviewPolicy.Uncertain, settings.SampleCut, t),
            _ => null,
        };
        return new PolicyRow(settings, queue, reader.GetInt32(4));
    }

    private async Task<Annotation?> ReadAnnotationAsync(
        DbConnection connection, DbTransaction? transaction, long projectId, long annotationId, bool lockRow, CancellationToken cancellationToken)
    {
        var forUpdate = lockRow && db.Provider == DatabaseProvider.Postgres ? " FOR UPDATE" : string.Empty;
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.AnnotationColumns(db)} FROM annotations WHERE project_id = @projectId AND id = @annotationId{forUpdate}",
            new { projectId, annotationId },
            transaction,
            cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Rows.Annotation(reader) : null;
    }

    /// <summary>The project's review settings, the queue they make (null: no queue) and the lease time.</summary>
    private sealed record PolicyRow(ProjectReviewSettings Settings, QueuePolicy? Queue, int LeaseSeconds);

    private sealed record QueuePolicy(ReviewPolicy Policy, int SampleCut, double? Threshold);
}
