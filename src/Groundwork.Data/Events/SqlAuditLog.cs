using System.Text;
using Dapper;
using Groundwork.Core.Events;

namespace Groundwork.Data.Events;

/// <summary>Reads the audit log, newest first, with keyset paging on id.</summary>
public sealed class SqlAuditLog(GroundworkDatabase db) : IAuditLog
{
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var parameters = new DynamicParameters();
        var sql = new StringBuilder(
            $"SELECT id, occurred_at, actor_id, actor_address, project_id, action, subject_type, subject_id, {db.JsonColumn("details")} FROM audit_events WHERE 1 = 1");
        if (query.ProjectId is not null)
        {
            parameters.Add("ProjectId", query.ProjectId);
            sql.Append(" AND project_id = @ProjectId");
        }

        if (query.Action is not null)
        {
            parameters.Add("Action", query.Action);
            sql.Append(" AND action = @Action");
        }

        if (query.ActorId is not null)
        {
            parameters.Add("ActorId", query.ActorId);
            sql.Append(" AND actor_id = @ActorId");
        }

        if (query.Since is not null)
        {
            parameters.Add("Since", query.Since.Value.ToUniversalTime());
            sql.Append(" AND occurred_at >= @Since");
        }

        if (query.Until is not null)
        {
            parameters.Add("Until", query.Until.Value.ToUniversalTime());
            sql.Append(" AND occurred_at < @Until");
        }

        if (query.BeforeId is not null)
        {
            parameters.Add("BeforeId", query.BeforeId);
            sql.Append(" AND id < @BeforeId");
        }

        sql.Append(" ORDER BY id DESC LIMIT @Take");
        parameters.Add("Take", limit + 1);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
        var items = new List<AuditEvent>(Math.Min(limit, 128));
        long? next = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == limit)
            {
                next = items[^1].Id;
                break;
            }

            items.Add(new AuditEvent(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return new AuditPage(items, next);
    }
}
