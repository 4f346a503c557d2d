using System.Data.Common;
using System.Globalization;
using Dapper;
using Groundwork.Core.Events;
using Groundwork.Core.Users;
using Groundwork.Data.Events;

namespace Groundwork.Data.Stores;

public sealed class SqlUserStore(GroundworkDatabase db, TimeProvider clock) : IUserStore
{
    private readonly ChangeJournal _journal = new(db, clock);

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken));
    }

    public Task<User?> GetByEmailAsync(string email, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Rows.UserColumns} FROM users WHERE lower(email) = lower(@email)", new { email }, cancellationToken);

    public Task<User?> GetAsync(long id, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Rows.UserColumns} FROM users WHERE id = @id", new { id }, cancellationToken);

    public Task<User?> GetFirstAdminAsync(CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Rows.UserColumns} FROM users WHERE is_admin = @yes ORDER BY id LIMIT 1", new { yes = true }, cancellationToken);

    public async Task<User?> CreateAsync(string email, string name, bool isAdmin, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var existing = await scope.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM users WHERE lower(email) = lower(@email)", new { email }, scope.Transaction, cancellationToken: cancellationToken));
        if (existing is not null)
        {
            return null;
        }

        long id;
        try
        {
            id = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO users (email, name, is_admin, created_at) VALUES (@email, @name, @isAdmin, @now) RETURNING id",
                new { email, name, isAdmin, now },
                scope.Transaction,
                cancellationToken: cancellationToken));
            await _journal.RecordAsync(
                scope,
                new ChangeEvent(AuditActions.UserCreated, null, "user", id.ToString(CultureInfo.InvariantCulture), EventPayloads.Details(("email", email), ("is_admin", isAdmin))),
                cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }
        catch (DbException) when (db.Provider == DatabaseProvider.Postgres)
        {
            // Another process created the same email at the same moment: the unique index decided.
            return null;
        }

        return new User(id, email, name, isAdmin, now);
    }

    public async Task<ApiToken> AddTokenAsync(long userId, string name, string prefix, string tokenHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var id = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at) VALUES (@userId, @name, @prefix, @tokenHash, @now) RETURNING id",
            new { userId, name, prefix, tokenHash, now },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await _journal.RecordAsync(
            scope,
            new ChangeEvent(AuditActions.ApiTokenCreated, null, "api_token", id.ToString(CultureInfo.InvariantCulture), EventPayloads.Details(("user_id", userId), ("name", name), ("prefix", prefix))),
            cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return new ApiToken(id, userId, name, prefix, now, null, null);
    }

    public Task<User?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        QuerySingleAsync(
            """
            SELECT u.id, u.email, u.name, u.is_admin, u.created_at
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @tokenHash AND t.revoked_at IS NULL
            """,
            new { tokenHash },
            cancellationToken);

    private async Task<User?> QuerySingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Rows.User(reader) : null;
    }
}
