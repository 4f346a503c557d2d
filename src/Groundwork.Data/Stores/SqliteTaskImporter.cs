using System.Globalization;
using Dapper;
using Groundwork.Core.Annotations;
using Groundwork.Core.Events;
using Groundwork.Core.Import;
using Groundwork.Core.Tasks;
using Groundwork.Data.Events;
using Microsoft.Data.Sqlite;

namespace Groundwork.Data.Stores;

/// <summary>
/// SQLite bulk import: one prepared INSERT reused for every row, in one write transaction.
/// A unique_id already present (in the project or earlier in the spool) is skipped by the upsert clause.
/// The import is audited, and <c>task.created</c> is queued for the new tasks (ids above the largest
/// before the import: the write transaction excludes every other writer) when a subscription wants it.
/// </summary>
internal sealed class SqliteTaskImporter(GroundworkDatabase db, TimeProvider clock, ChangeJournal journal) : ITaskImporter
{
    private const int ProgressEvery = 10_000;

    public async Task<ImportResult> ImportAsync(long projectId, int overlap, long importedBy, TaskSpool spool, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginBulkWriteAsync(cancellationToken);
        var connection = (SqliteConnection)scope.Connection;
        var transaction = (SqliteTransaction)scope.Transaction;
        var lastIdBefore = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(id), 0) FROM tasks", transaction: transaction, cancellationToken: cancellationToken));

        await using var insertTask = connection.CreateCommand();
        insertTask.Transaction = transaction;
        insertTask.CommandText =
            """
            INSERT INTO tasks (project_id, data, unique_id, metadata, priority, batch, callback_url, status, annotation_count, created_at, updated_at)
            VALUES ($project, $data, $unique_id, $metadata, $priority, $batch, $callback_url, $status, $count, $now, $now)
            ON CONFLICT (project_id, unique_id) WHERE unique_id IS NOT NULL DO NOTHING
            """;
        insertTask.Parameters.AddWithValue("$project", projectId);
        var data = insertTask.Parameters.Add("$data", SqliteType.Text);
        var uniqueId = insertTask.Parameters.Add("$unique_id", SqliteType.Text);
        var metadata = insertTask.Parameters.Add("$metadata", SqliteType.Text);
        var priority = insertTask.Parameters.Add("$priority", SqliteType.Integer);
        var batch = insertTask.Parameters.Add("$batch", SqliteType.Text);
        var callbackUrl = insertTask.Parameters.Add("$callback_url", SqliteType.Text);
        var status = insertTask.Parameters.Add("$status", SqliteType.Text);
        var count = insertTask.Parameters.Add("$count", SqliteType.Integer);
        insertTask.Parameters.AddWithValue("$now", now);
        insertTask.Prepare();

        await using var lastId = connection.CreateCommand();
        lastId.Transaction = transaction;
        lastId.CommandText = "SELECT last_insert_rowid()";

        await using var insertAnnotation = connection.CreateCommand();
        insertAnnotation.Transaction = transaction;
        insertAnnotation.CommandText =
            """
            INSERT INTO annotations (task_id, project_id, author_id, result, lead_time, origin, created_at, updated_at)
            VALUES ($task, $project, $author, $result, $lead_time, $origin, $now, $now)
            """;
        var annotationTask = insertAnnotation.Parameters.Add("$task", SqliteType.Integer);
        insertAnnotation.Parameters.AddWithValue("$project", projectId);
        insertAnnotation.Parameters.AddWithValue("$author", importedBy);
        var annotationResult = insertAnnotation.Parameters.Add("$result", SqliteType.Text);
        var leadTime = insertAnnotation.Parameters.Add("$lead_time", SqliteType.Real);
        insertAnnotation.Parameters.AddWithValue("$origin", AnnotationOrigins.Imported);
        insertAnnotation.Parameters.AddWithValue("$now", now);

        await using var insertPrediction = connection.CreateCommand();
        insertPrediction.Transaction = transaction;
        insertPrediction.CommandText =
            """
            INSERT INTO predictions (task_id, project_id, result, model_version, score, created_at)
            VALUES ($task, $project, $result, $model_version, $score, $now)
            """;
        var predictionTask = insertPrediction.Parameters.Add("$task", SqliteType.Integer);
        insertPrediction.Parameters.AddWithValue("$project", projectId);
        var predictionResult = insertPrediction.Parameters.Add("$result", SqliteType.Text);
        var modelVersion = insertPrediction.Parameters.Add("$model_version", SqliteType.Text);
        var score = insertPrediction.Parameters.Add("$score", SqliteType.Real);
        insertPrediction.Parameters.AddWithValue("$now", now);

        long created = 0, skipped = 0, annotationsCreated = 0, predictionsCreated = 0, seen = 0;
        foreach (var task in spool.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var annotations = ImportedResults.Parse(task.AnnotationsJson);
            data.Value = task.DataJson;
            uniqueId.Value = (object?)task.UniqueId ?? DBNull.Value;
            metadata.Value = (object?)task.MetadataJson ?? DBNull.Value;
            priority.Value = task.Priority;
            batch.Value = (object?)task.Batch ?? DBNull.Value;
            callbackUrl.Value = (object?)task.CallbackUrl ?? DBNull.Value;
            status.Value = TaskLifecycle.StatusFor(LabelingTaskStatus.Queued, annotations.Count, overlap).ToName();
            count.Value = annotations.Count;
            if (insertTask.ExecuteNonQuery() == 0)
            {
                skipped++;
            }
            else
            {
                created++;
                if (task.AnnotationsJson is not null || task.PredictionsJson is not null)
                {
                    var taskId = (long)lastId.ExecuteScalar()!;
                    foreach (var annotation in annotations)
                    {
                        annotationTask.Value = taskId;
                        annotationResult.Value = annotation.ResultJson;
                        leadTime.Value = (object?)annotation.LeadTime ?? DBNull.Value;
                        insertAnnotation.ExecuteNonQuery();
                        annotationsCreated++;
                    }

                    foreach (var prediction in ImportedResults.Parse(task.PredictionsJson))
                    {
                        predictionTask.Value = taskId;
                        predictionResult.Value = prediction.ResultJson;
                        modelVersion.Value = (object?)prediction.ModelVersion ?? DBNull.Value;
                        score.Value = (object?)prediction.Score ?? DBNull.Value;
                        insertPrediction.ExecuteNonQuery();
                        predictionsCreated++;
                    }
                }
            }

            if (++seen % ProgressEvery == 0)
            {
                progress?.Report(seen);
            }
        }

        var result = new ImportResult(created, skipped, annotationsCreated, predictionsCreated);
        var parameters = new DynamicParameters();
        parameters.Add("lastIdBefore", lastIdBefore);
        await journal.TasksCreatedAsync(scope, projectId, "t.id > @lastIdBefore", parameters, cancellationToken);
        await journal.RecordAsync(scope, ImportAudit.Change(projectId, result), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        progress?.Report(seen);
        return result;
    }
}
