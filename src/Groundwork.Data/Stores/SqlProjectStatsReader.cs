using System.Globalization;
using Dapper;
using Groundwork.Core.Projects;

namespace Groundwork.Data.Stores;

/// <summary>
/// The dashboard's series, grouped by UTC day in SQL (SQLite stores instants as ISO text in UTC, so a day is the text's
/// first ten characters; PostgreSQL formats the instant in UTC). A completed task counts on the day of its last annotation.
/// </summary>
public sealed class SqlProjectStatsReader(GroundworkDatabase db, TimeProvider clock) : IProjectStatsReader
{
    public async Task<ProjectStats> ReadAsync(long projectId, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var to = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = to.AddDays(1 - days);
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var fromDay = Format(from);
        var args = new { projectId, since, fromDay };
        await using var connection = await db.OpenAsync(cancellationToken);

        var annotations = new Dictionary<DateOnly, (long Annotations, long Annotators)>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT {Day("created_at")}, count(*), count(DISTINCT author_id) FROM annotations
            WHERE project_id = @projectId AND origin <> 'imported' AND created_at >= @since
            GROUP BY 1
            """,
            args,
            cancellationToken: cancellationToken)))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                annotations[Parse(reader.GetString(0))] = (Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
            }
        }

        var completed = (await connection.QueryAsync<(string Day, long Count)>(new CommandDefinition(
            $"""
            SELECT day, CAST(count(*) AS bigint) FROM (
                SELECT {Day("max(a.created_at)")} AS day FROM tasks t JOIN annotations a ON a.task_id = t.id
                WHERE t.project_id = @projectId AND t.gold_kind = 0 AND t.status = 'completed' AND a.origin <> 'imported'
                GROUP BY t.id) d
            WHERE day >= @fromDay GROUP BY day
            """,
            args,
            cancellationToken: cancellationToken))).ToDictionary(r => Parse(r.Day), r => r.Count);

        var series = new List<DayActivity>(days);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            annotations.TryGetValue(day, out var a);
            completed.TryGetValue(day, out var c);
            series.Add(new DayActivity(day, a.Annotations, c, a.Annotators));
        }

        var annotators = new List<AnnotatorThroughput>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT author_id, count(*), count(DISTINCT {Day("created_at")}), avg(lead_time) FROM annotations
            WHERE project_id = @projectId AND origin <> 'imported' AND created_at >= @since
            GROUP BY author_id ORDER BY 2 DESC, author_id
            """,
            args,
            cancellationToken: cancellationToken)))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                annotators.Add(new AnnotatorThroughput(
                    reader.GetInt64(0),
                    Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                    Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                    reader.IsDBNull(3) ? null : Convert.ToDouble(reader.GetValue(3), CultureInfo.InvariantCulture)));
            }
        }

        var labels = (await connection.QueryAsync<(string Label, long Tasks)>(new CommandDefinition(
            $"""
            SELECT label, CAST(count(*) AS bigint) FROM consensus WHERE project_id = @projectId
            GROUP BY label ORDER BY 2 DESC, label LIMIT {ProjectStats.MaxLabels}
            """,
            args,
            cancellationToken: cancellationToken))).Select(r => new LabelCount(r.Label, r.Tasks)).ToList();
        var consensusTasks = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT CAST(count(*) AS bigint) FROM consensus WHERE project_id = @projectId", args, cancellationToken: cancellationToken));

        return new ProjectStats(from, to, series, annotators, labels, consensusTasks);
    }

    private string Day(string instant) => db.Provider == DatabaseProvider.Postgres
        ? $"to_char(({instant}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
        : $"substr({instant}, 1, 10)";

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Parse(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
