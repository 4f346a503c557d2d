using Dapper;
using Groundwork.Core.Annotations;
using Groundwork.Core.Import;
using Groundwork.Core.Tasks;
using Groundwork.Data.Events;
using Npgsql;
using NpgsqlTypes;

namespace Groundwork.Data.Stores;

/// <summary>
/// PostgreSQL bulk import: task ids are reserved from the table's sequence, the rows are streamed
/// with binary COPY into a temporary table and moved into <c>tasks</c> with one INSERT ... SELECT
/// whose ON CONFLICT clause skips unique_ids that exist already (or earlier in the same import:
/// rows go in id order, so the first occurrence wins). Annotations and predictions follow the same
/// way and are kept only for tasks that were created. All in one transaction, with the import's audit
/// event and, when a subscription wants them, <c>task.created</c> deliveries for the created tasks.
/// </summary>
internal sealed class PostgresTaskImporter(GroundworkDatabase db, TimeProvider clock, ChangeJournal journal) : ITaskImporter
{
    private const int ProgressEvery = 10_000;

    public async Task<ImportResult> ImportAsync(long projectId, int overlap, long importedBy, TaskSpool spool, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginBulkWriteAsync(cancellationToken);
        var connection = (NpgsqlConnection)scope.Connection;
        if (spool.Count == 0)
        {
            return new ImportResult(0, 0, 0, 0);
        }

        var ids = await ReserveIdsAsync(connection, spool.Count, cancellationToken);
        await ExecuteAsync(
            connection,
            """
            CREATE TEMP TABLE import_annotations (task_id bigint, result jsonb, lead_time double precision) ON COMMIT DROP;
            CREATE TEMP TABLE import_predictions (task_id bigint, result jsonb, model_version text, score double precision) ON COMMIT DROP;
            """,
            cancellationToken);
        var hasResults = spool.WithAnnotationsOrPredictions > 0;

        // Fast path, the usual case at scale: no unique_id is taken, so the rows go straight into tasks.
        // A unique violation rolls back to the savepoint and the import takes the deduplicating path.
        long created;
        await ExecuteAsync(connection, "SAVEPOINT direct_copy", cancellationToken);
        try
        {
            await CopyTasksAsync(connection, "tasks (id, project_id, data, unique_id, metadata, priority, batch, callback_url, status, annotation_count, created_at, updated_at)", spool, ids, overlap, projectId, now, progress, cancellationToken);
            await ExecuteAsync(connection, "RELEASE SAVEPOINT direct_copy", cancellationToken);
            created = spool.Count;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT direct_copy", cancellationToken);
            await ExecuteAsync(
                connection,
                "CREATE TEMP TABLE import_tasks (id bigint, project_id bigint, data jsonb, unique_id text, metadata jsonb, priority int, batch text, callback_url text, status text, annotation_count int, created_at timestamptz, updated_at timestamptz) ON COMMIT DROP",
                cancellationToken);
            await CopyTasksAsync(connection, "import_tasks (id, project_id, data, unique_id, metadata, priority, batch, callback_url, status, annotation_count, created_at, updated_at)", spool, ids, overlap, projectId, now, progress, cancellationToken);
            created = await ExecuteAsync(
                connection,
                """
                INSERT INTO tasks (id, project_id, data, unique_id, metadata, priority, batch, callback_url, status, annotation_count, created_at, updated_at)
                SELECT id, project_id, data, unique_id, metadata, priority, batch, callback_url, status, annotation_count, created_at, updated_at
                FROM import_tasks ORDER BY id
                ON CONFLICT (project_id, unique_id) WHERE unique_id IS NOT NULL DO NOTHING
                """,
                cancellationToken);
        }

        if (hasResults)
        {
            await CopyResultsAsync(connection, spool, ids, cancellationToken);
        }

        long annotations = 0, predictions = 0;
        if (hasResults)
        {
            annotations = await ExecuteAsync(
                connection,
                """
                INSERT INTO annotations (task_id, project_id, author_id, result, lead_time, origin, created_at, updated_at)
                SELECT a.task_id, @project, @author, a.result, a.lead_time, @origin, @now, @now
                FROM import_annotations a JOIN tasks t ON t.id = a.task_id AND t.project_id = @project
                """,
                cancellationToken,
                ("project", projectId),
                ("author", importedBy),
                ("origin", AnnotationOrigins.Imported),
                ("now", now));
            predictions = await ExecuteAsync(
                connection,
                """
                INSERT INTO predictions (task_id, project_id, result, model_version, score, created_at)
                SELECT p.task_id, @project, p.result, p.model_version, p.score, @now
                FROM import_predictions p JOIN tasks t ON t.id = p.task_id AND t.project_id = @project
                """,
                cancellationToken,
                ("project", projectId),
                ("now", now));
        }

        var result = new ImportResult(created, spool.Count - created, annotations, predictions);
        var parameters = new DynamicParameters();
        parameters.Add("firstId", ids[0]);
        parameters.Add("lastId", ids[^1]);
        parameters.Add("ids", ids);
        await journal.TasksCreatedAsync(scope, projectId, "t.id BETWEEN @firstId AND @lastId AND t.id = ANY(@ids)", parameters, cancellationToken);
        await journal.RecordAsync(scope, ImportAudit.Change(projectId, result), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        progress?.Report(spool.Count);
        return result;
    }

    private static async Task CopyTasksAsync(
        NpgsqlConnection connection, string target, TaskSpool spool, long[] ids, int overlap, long projectId, DateTimeOffset now, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken);
        long index = 0;
        foreach (var task in spool.Read())
        {
            var annotationCount = task.AnnotationsJson is null ? 0 : ImportedResults.Parse(task.AnnotationsJson).Count;
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(ids[index], NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(projectId, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(task.DataJson, NpgsqlDbType.Jsonb, cancellationToken);
            await WriteNullableAsync(writer, task.UniqueId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, task.MetadataJson, NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(task.Priority, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(writer, task.Batch, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, task.CallbackUrl, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(TaskLifecycle.StatusFor(LabelingTaskStatus.Queued, annotationCount, overlap).ToName(), NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(annotationCount, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            if (++index % ProgressEvery == 0)
            {
                progress?.Report(index);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyResultsAsync(NpgsqlConnection connection, TaskSpool spool, long[] ids, CancellationToken cancellationToken)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY import_annotations (task_id, result, lead_time) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            long index = 0;
            foreach (var task in spool.Read())
            {
                foreach (var annotation in ImportedResults.Parse(task.AnnotationsJson))
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(ids[index], NpgsqlDbType.Bigint, cancellationToken);
                    await writer.WriteAsync(annotation.ResultJson, NpgsqlDbType.Jsonb, cancellationToken);
                    await WriteNullableAsync(writer, annotation.LeadTime, NpgsqlDbType.Double, cancellationToken);
                }

                index++;
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY import_predictions (task_id, result, model_version, score) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            long index = 0;
            foreach (var task in spool.Read())
            {
                foreach (var prediction in ImportedResults.Parse(task.PredictionsJson))
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(ids[index], NpgsqlDbType.Bigint, cancellationToken);
                    await writer.WriteAsync(prediction.ResultJson, NpgsqlDbType.Jsonb, cancellationToken);
                    await WriteNullableAsync(writer, prediction.ModelVersion, NpgsqlDbType.Text, cancellationToken);
                    await WriteNullableAsync(writer, prediction.Score, NpgsqlDbType.Double, cancellationToken);
                }

                index++;
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }

    private static async Task<long[]> ReserveIdsAsync(NpgsqlConnection connection, long count, CancellationToken cancellationToken)
    {
        var ids = new long[count];
        await using var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence('tasks', 'id')) FROM generate_series(1, @count)", connection);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var i = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[i++] = reader.GetInt64(0);
        }

        Array.Sort(ids);
        return ids;
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, double? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(value.Value, type, cancellationToken);
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
