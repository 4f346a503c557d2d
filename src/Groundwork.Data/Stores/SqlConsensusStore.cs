using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Groundwork.Core.Quality;

namespace Groundwork.Data.Stores;

public sealed class SqlConsensusStore(GroundworkDatabase db) : IConsensusStore
{
    private const int ChunkSize = 2000;

    /// <summary>A confidence that moved by less than this is not rewritten.</summary>
    private const double ConfidenceTolerance = 1e-6;

    public async Task<IReadOnlyList<(long ProjectId, string Signature)>> StaleProjectsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var stale = new List<(long, string)>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT p.id, p.consensus_signature,
                   (SELECT count(*) FROM annotations a WHERE a.project_id = p.id),
                   (SELECT max(a.updated_at) FROM annotations a WHERE a.project_id = p.id)
            FROM projects p ORDER BY p.id
            """,
            cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var count = reader.GetInt64(2);
            var signature = count == 0
                ? "0"
                : string.Create(CultureInfo.InvariantCulture, $"{count}:{reader.GetFieldValue<DateTimeOffset>(3).UtcTicks}");
            var stored = reader.IsDBNull(1) ? null : reader.GetString(1);
            if (!string.Equals(signature, stored, StringComparison.Ordinal) && !(count == 0 && stored is null))
            {
                stale.Add((reader.GetInt64(0), signature));
            }
        }

        return stale;
    }

    public async IAsyncEnumerable<LabeledAnswer> ReadAnswersAsync(long projectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT a.task_id, a.author_id, {db.JsonColumn("a.result")}
            FROM annotations a JOIN tasks t ON t.id = a.task_id
            WHERE a.project_id = @projectId AND t.gold_kind = 0 AND t.status <> 'canceled' AND (a.review_state IS NULL OR a.review_state <> 'rejected')
            ORDER BY a.task_id, a.id
            """,
            new { projectId },
            cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new LabeledAnswer(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
        }
    }

    public async Task SaveAsync(long projectId, string signature, IReadOnlyList<TaskConsensus> consensus, IReadOnlyList<AnnotatorSkill> skills, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consensus);
        ArgumentNullException.ThrowIfNull(skills);

        // Only the rows whose outcome changed are written: a pass over a large project whose labels barely moved writes
        // little, and readers never see the project without its consensus. The stored rows are read outside any write.
        var stored = await ReadStoredAsync(projectId, cancellationToken);
        var changed = new List<TaskConsensus>();
        foreach (var c in consensus)
        {
            if (!stored.Remove(c.TaskId, out var old) || old.Method != c.Method || old.Label != c.Label || old.Annotations != c.Annotations
                || Math.Abs(old.Confidence - c.Confidence) > ConfidenceTolerance)
            {
                changed.Add(c);
            }
        }

        var removed = stored.Keys.ToList();

        // Written in chunks so a large project never holds the (SQLite) write gate for long.
        foreach (var chunk in changed.Chunk(ChunkSize))
        {
            await using var scope = await db.BeginBulkWriteAsync(cancellationToken);
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO consensus (task_id, project_id, method, label, confidence, result, annotations, computed_at)
                SELECT @TaskId, @projectId, @Method, @Label, @Confidence, {db.JsonParameter("@ResultJson")}, @Annotations, @ComputedAt
                WHERE EXISTS (SELECT 1 FROM tasks WHERE id = @TaskId)
                ON CONFLICT (task_id) DO UPDATE SET method = excluded.method, label = excluded.label, confidence = excluded.confidence,
                    result = excluded.result, annotations = excluded.annotations, computed_at = excluded.computed_at
                """,
                chunk.Select(c => new { c.TaskId, projectId, c.Method, c.Label, c.Confidence, c.ResultJson, c.Annotations, c.ComputedAt }),
                scope.Transaction,
                cancellationToken: cancellationToken));
            await scope.CommitAsync(cancellationToken);
        }

        foreach (var chunk in removed.Chunk(ChunkSize))
        {
            await using var scope = await db.BeginBulkWriteAsync(cancellationToken);
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM consensus WHERE project_id = @projectId AND task_id = @taskId",
                chunk.Select(taskId => new { projectId, taskId }),
                scope.Transaction,
                cancellationToken: cancellationToken));
            await scope.CommitAsync(cancellationToken);
        }

        await using (var scope = await db.BeginBulkWriteAsync(cancellationToken))
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM annotator_skills WHERE project_id = @projectId", new { projectId }, scope.Transaction, cancellationToken: cancellationToken));
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO annotator_skills (project_id, user_id, method, skill, labels, agreement, computed_at)
                VALUES (@projectId, @UserId, @Method, @Skill, @Labels, @Agreement, @ComputedAt)
                """,
                skills.Select(s => new { projectId, s.UserId, s.Method, s.Skill, s.Labels, s.Agreement, s.ComputedAt }),
                scope.Transaction,
                cancellationToken: cancellationToken));
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE projects SET consensus_signature = @signature WHERE id = @projectId",
                new { signature, projectId },
                scope.Transaction,
                cancellationToken: cancellationToken));
            await scope.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The project's stored consensus outcomes by task, to compare a new pass against.</summary>
    private async Task<Dictionary<long, StoredOutcome>> ReadStoredAsync(long projectId, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<long, StoredOutcome>();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT task_id, method, label, confidence, annotations FROM consensus WHERE project_id = @projectId",
            new { projectId },
            cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[reader.GetInt64(0)] = new StoredOutcome(reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetInt32(4));
        }

        return stored;
    }

    private sealed record StoredOutcome(string Method, string Label, double Confidence, int Annotations);

    public async Task<IReadOnlyList<TaskConsensus>> ListAsync(long projectId, long afterTaskId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT task_id, method, label, confidence, {db.JsonColumn("result")}, annotations, computed_at
            FROM consensus WHERE project_id = @projectId AND task_id > @afterTaskId ORDER BY task_id LIMIT @limit
            """,
            new { projectId, afterTaskId, limit },
            cancellationToken: cancellationToken));
        var list = new List<TaskConsensus>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public async Task<TaskConsensus?> GetAsync(long projectId, long taskId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT task_id, method, label, confidence, {db.JsonColumn("result")}, annotations, computed_at
            FROM consensus WHERE project_id = @projectId AND task_id = @taskId
            """,
            new { projectId, taskId },
            cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<AnnotatorSkill>> SkillsAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT user_id, method, skill, labels, agreement, computed_at FROM annotator_skills WHERE project_id = @projectId ORDER BY user_id",
            new { projectId },
            cancellationToken: cancellationToken));
        var list = new List<AnnotatorSkill>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AnnotatorSkill(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetDouble(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return list;
    }

    private static TaskConsensus Read(System.Data.Common.DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetString(4), r.GetInt32(5), r.GetFieldValue<DateTimeOffset>(6));
}
