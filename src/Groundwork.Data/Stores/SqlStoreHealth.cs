using System.Data.Common;
using Dapper;
using Groundwork.Core;

namespace Groundwork.Data.Stores;

public sealed class SqlStoreHealth(GroundworkDatabase db) : IStoreHealth
{
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken)) == 1;
        }
        catch (DbException)
        {
            return false;
        }
    }
}
