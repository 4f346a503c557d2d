using Dapper;
using Groundwork.Core.Storage;

namespace Groundwork.Data.Stores;

public sealed class SqlMediaVisibility(GroundworkDatabase db) : IMediaVisibility
{
    public async Task<bool> WasLeasedToAsync(long projectId, string uniqueId, long userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var found = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT t.id FROM tasks t
            JOIN leases l ON l.task_id = t.id AND l.user_id = @userId
            WHERE t.project_id = @projectId AND t.unique_id = @uniqueId
            LIMIT 1
            """,
            new { projectId, uniqueId, userId },
            cancellationToken: cancellationToken));
        return found is not null;
    }
}
