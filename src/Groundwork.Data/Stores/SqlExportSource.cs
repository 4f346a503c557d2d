using System.Data;
using System.Runtime.CompilerServices;
using Groundwork.Core.Export;
using Groundwork.Core.Streams;
using Groundwork.Core.Tasks;
using Groundwork.Data.Providers;
using Microsoft.Data.Sqlite;

namespace Groundwork.Data.Stores;

/// <summary>
/// Streams a project: three ordered cursors (tasks, annotations, predictions) in one snapshot, merged by
/// task id, so memory holds a bounded number of tasks however large the project.
/// </summary>
public sealed class SqlExportSource(GroundworkDatabase db) : IExportSource
{
    public IAsyncEnumerable<ExportTask> ReadProjectAsync(long projectId, CancellationToken cancellationToken) =>
        ReadProjectAsync(projectId, includeRejected: false, cancellationToken);

    /// <summary>Tasks the reader hands the writer at a time, and how many such batches it may run ahead (memory: about 1,000 tasks).</summary>
    public const int ReadAheadBatch = 256;

    public const int ReadAheadBatches = 4;

    /// <summary>Tasks in id order, read ahead of the writer on another thread.</summary>
    public IAsyncEnumerable<ExportTask> ReadProjectAsync(long projectId, bool includeRejected, CancellationToken cancellationToken) =>
        ReadAhead.BufferAsync(ReadInOrderAsync(projectId, includeRejected, cancellationToken), ReadAheadBatch, ReadAheadBatches, cancellationToken);

    private async IAsyncEnumerable<ExportTask> ReadInOrderAsync(long projectId, bool includeRejected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = db is PostgresDatabase
            ? await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
            : ((SqliteConnection)connection).BeginTransaction(deferred: true);
        (string, object)[] parameters = [("project", projectId)];
        var p = db is PostgresDatabase ? "@project" : "$project";
        await using var tasks = await ForwardCursor.OpenAsync(db, connection, transaction, "export_tasks",
            $"""
            SELECT t.id, {db.JsonColumn("t.data")}, t.unique_id, {db.JsonColumn("t.metadata")}, t.priority, t.batch, t.status, t.created_at, {db.JsonColumn("c.result")}
            FROM tasks t LEFT JOIN consensus c ON c.task_id = t.id WHERE t.project_id = {p} ORDER BY t.id
            """,
            parameters, cancellationToken);
        await using var annotations = await ForwardCursor.OpenAsync(db, connection, transaction, "export_annotations",
            $"""
            SELECT task_id, id, author_id, {db.JsonColumn("coalesce(fixed_result, result)")}, lead_time, origin, created_at, updated_at, review_state
            FROM annotations WHERE project_id = {p}{(includeRejected ? string.Empty : " AND (review_state IS NULL OR review_state <> 'rejected')")}
            ORDER BY task_id, id
            """,
            parameters, cancellationToken);
        await using var predictions = await ForwardCursor.OpenAsync(db, connection, transaction, "export_predictions",
            $"SELECT task_id, id, {db.JsonColumn("result")}, model_version, score, created_at FROM predictions WHERE project_id = {p} ORDER BY task_id, id",
            parameters, cancellationToken);

        var hasAnnotation = await annotations.ReadAsync(cancellationToken);
        var hasPrediction = await predictions.ReadAsync(cancellationToken);
        while (await tasks.ReadAsync(cancellationToken))
        {
            var t = tasks.Row;
            var taskId = t.GetInt64(0);
            List<ExportAnnotation>? taskAnnotations = null;
            while (hasAnnotation && annotations.Row.GetInt64(0) <= taskId)
            {
                var a = annotations.Row;
                if (a.GetInt64(0) == taskId)
                {
                    (taskAnnotations ??= []).Add(new ExportAnnotation(
                        a.GetInt64(1),
                        a.GetInt64(2),
                        a.GetString(3),
                        a.IsDBNull(4) ? null : a.GetDouble(4),
                        a.GetString(5),
                        a.GetDateTimeOffset(6),
                        a.GetDateTimeOffset(7))
                    {
                        ReviewState = a.IsDBNull(8) ? null : a.GetString(8),
                    });
                }

                hasAnnotation = await annotations.ReadAsync(cancellationToken);
            }

            List<ExportPrediction>? taskPredictions = null;
            while (hasPrediction && predictions.Row.GetInt64(0) <= taskId)
            {
                var r = predictions.Row;
                if (r.GetInt64(0) == taskId)
                {
                    (taskPredictions ??= []).Add(new ExportPrediction(
                        r.GetInt64(1),
                        r.GetString(2),
                        r.IsDBNull(3) ? null : r.GetString(3),
                        r.IsDBNull(4) ? null : r.GetDouble(4),
                        r.GetDateTimeOffset(5)));
                }

                hasPrediction = await predictions.ReadAsync(cancellationToken);
            }

            yield return new ExportTask(
                taskId,
                t.GetString(1),
                t.IsDBNull(2) ? null : t.GetString(2),
                t.IsDBNull(3) ? null : t.GetString(3),
                t.GetInt32(4),
                t.IsDBNull(5) ? null : t.GetString(5),
                t.GetString(6),
                t.GetDateTimeOffset(7),
                (IReadOnlyList<ExportAnnotation>?)taskAnnotations ?? [])
            {
                Predictions = (IReadOnlyList<ExportPrediction>?)taskPredictions ?? [],
                ConsensusJson = t.IsDBNull(8) ? null : t.GetString(8),
            };
        }
    }
}
