using System.Globalization;
using Dapper;
using Groundwork.Core.Queue;

namespace Groundwork.Data.Stores;

/// <summary>
/// Scores an answer to a gold task inside the submitting transaction, and pauses the annotator on the
/// project when their accuracy over their last <c>gold_window</c> gold answers (since they were last
/// reinstated) falls below the project's <c>gold_threshold</c>.
/// </summary>
internal static class GoldAnswers
{
    public static async Task RecordAsync(
        WriteScope scope, long projectId, long taskId, long userId, TaskGold gold, string answerJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var score = GoldScorer.Score(gold.GroundTruthJson ?? "[]", answerJson);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO gold_answers (project_id, task_id, user_id, gold_kind, label, score, correct, created_at)
            VALUES (@projectId, @taskId, @userId, @kind, @Label, @Score, @Correct, @now)
            """,
            new { projectId, taskId, userId, kind = (int)gold.Kind, score.Label, score.Score, score.Correct, now },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (gold.Kind != GoldKind.Gold)
        {
            return;
        }

        await using var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT p.gold_threshold, p.gold_window, m.reinstated_at
            FROM projects p LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = @userId
            WHERE p.id = @projectId
            """,
            new { projectId, userId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return;
        }

        var threshold = reader.GetDouble(0);
        var window = reader.GetInt32(1);
        DateTimeOffset? since = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2);
        await reader.DisposeAsync();

        var recent = (await scope.Connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT CAST(CASE WHEN correct THEN 1 ELSE 0 END AS bigint) FROM gold_answers
            WHERE project_id = @projectId AND user_id = @userId AND gold_kind = 1{(since is null ? string.Empty : " AND created_at > @since")}
            ORDER BY id DESC LIMIT @window
            """,
            new { projectId, userId, since, window },
            scope.Transaction,
            cancellationToken: cancellationToken))).ToList();
        if (recent.Count < window)
        {
            return;
        }

        var accuracy = (double)recent.Count(c => c == 1) / recent.Count;
        if (accuracy >= threshold)
        {
            return;
        }

        var reason = string.Create(CultureInfo.InvariantCulture,
            $"paused: your accuracy on your last {window} quality-check tasks is {accuracy:P0}, below the project's {threshold:P0}; a manager can reinstate you");
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE project_members SET paused_at = @now, paused_reason = @reason WHERE project_id = @projectId AND user_id = @userId",
            new { projectId, userId, now, reason },
            scope.Transaction,
            cancellationToken: cancellationToken));
    }
}
