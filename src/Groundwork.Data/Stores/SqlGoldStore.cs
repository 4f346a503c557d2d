using Dapper;
using Groundwork.Core;
using Groundwork.Core.Queue;

namespace Groundwork.Data.Stores;

public sealed class SqlGoldStore(GroundworkDatabase db, TimeProvider clock) : IGoldStore
{
    public async Task<StoreOutcome<bool>> SetGoldAsync(long projectId, long taskId, GoldKind kind, string? groundTruthJson, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE tasks SET gold_kind = @kind, ground_truth = {db.JsonParameter("@groundTruthJson")}, updated_at = @now WHERE project_id = @projectId AND id = @taskId",
            new { kind = (int)kind, groundTruthJson = kind == GoldKind.None ? null : groundTruthJson, now = clock.GetUtcNow(), projectId, taskId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return changed == 0
            ? StoreOutcome<bool>.NotFound($"task {taskId} does not exist in project {projectId}")
            : StoreOutcome<bool>.Success(true);
    }

    public async Task<(GoldKind Kind, string? GroundTruthJson)?> GetGoldAsync(long projectId, long taskId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT gold_kind, {db.JsonColumn("ground_truth")} FROM tasks WHERE project_id = @projectId AND id = @taskId",
            new { projectId, taskId },
            cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return ((GoldKind)reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public async Task<IReadOnlyList<AnnotatorGoldScore>> ScoresAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var byLabel = (await connection.QueryAsync<(long UserId, string? Label, long Answered, long Correct)>(new CommandDefinition(
            """
            SELECT user_id, label, CAST(count(*) AS bigint), CAST(sum(CASE WHEN correct THEN 1 ELSE 0 END) AS bigint)
            FROM gold_answers WHERE project_id = @projectId AND gold_kind = 1
            GROUP BY user_id, label
            """,
            new { projectId },
            cancellationToken: cancellationToken))).ToList();
        var window = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT gold_window FROM projects WHERE id = @projectId", new { projectId }, cancellationToken: cancellationToken));
        var recent = (await connection.QueryAsync<(long UserId, long Correct)>(new CommandDefinition(
            """
            SELECT user_id, CAST(CASE WHEN correct THEN 1 ELSE 0 END AS bigint) FROM (
                SELECT user_id, correct, row_number() OVER (PARTITION BY user_id ORDER BY id DESC) AS n
                FROM gold_answers WHERE project_id = @projectId AND gold_kind = 1) ranked
            WHERE n <= @window
            """,
            new { projectId, window },
            cancellationToken: cancellationToken))).GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Average(r => (double)r.Correct));
        return byLabel.GroupBy(r => r.UserId)
            .OrderBy(g => g.Key)
            .Select(g => new AnnotatorGoldScore(
                g.Key,
                (int)g.Sum(r => r.Answered),
                (int)g.Sum(r => r.Correct),
                recent.TryGetValue(g.Key, out var r) ? r : null,
                g.Where(r => r.Label is not null).ToDictionary(r => r.Label!, r => new ClassGoldScore((int)r.Answered, (int)r.Correct), StringComparer.Ordinal)))
            .ToList();
    }
}
