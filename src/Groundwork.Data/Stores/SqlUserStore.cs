using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Groundwork.Core;
using Groundwork.Core.Events;
using Groundwork.Core.Users;
using Groundwork.Data.Events;

namespace Groundwork.Data.Stores;

public sealed class SqlUserStore(GroundworkDatabase db, TimeProvider clock) : IUserStore
{
    private readonly ChangeJournal _journal = new(db, clock);
    private const string CredentialColumns = Rows.UserColumns + ", password_hash, security_stamp";

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken));
    }

    public Task<User?> GetByEmailAsync(string email, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Rows.UserColumns} FROM users WHERE lower(email) = lower(@email)", new { email }, Rows.User, cancellationToken);

    public Task<User?> GetAsync(long id, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Rows.UserColumns} FROM users WHERE id = @id", new { id }, Rows.User, cancellationToken);

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"SELECT {Rows.UserColumns} FROM users ORDER BY id", cancellationToken: cancellationToken));
        var users = new List<User>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Rows.User(reader));
        }

        return users;
    }

    public Task<User?> GetFirstAdminAsync(CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Rows.UserColumns} FROM users WHERE is_admin = @yes ORDER BY id LIMIT 1", new { yes = true }, Rows.User, cancellationToken);

    public Task<User?> CreateAsync(string email, string name, bool isAdmin, CancellationToken cancellationToken) =>
        CreateAsync(email, name, isAdmin, passwordHash: null, cancellationToken);

    public async Task<User?> CreateAsync(string email, string name, bool isAdmin, string? passwordHash, CancellationToken cancellationToken)
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
                """
                INSERT INTO users (email, name, is_admin, created_at, password_hash, security_stamp)
                VALUES (@email, @name, @isAdmin, @now, @passwordHash, @stamp) RETURNING id
                """,
                new { email, name, isAdmin, now, passwordHash, stamp = NewSecurityStamp() },
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

    public Task<UserCredentials?> GetCredentialsByEmailAsync(string email, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {CredentialColumns} FROM users WHERE lower(email) = lower(@email)", new { email }, Credentials, cancellationToken);

    public Task<UserCredentials?> GetCredentialsAsync(long id, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {CredentialColumns} FROM users WHERE id = @id", new { id }, Credentials, cancellationToken);

    public async Task<StoreOutcome<User>> UpdateAsync(long id, UserChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET
                name = COALESCE(@name, name),
                is_admin = COALESCE(@isAdmin, is_admin),
                password_hash = COALESCE(@passwordHash, password_hash),
                disabled_at = CASE WHEN @enable THEN NULL WHEN @disable THEN COALESCE(disabled_at, @now) ELSE disabled_at END,
                security_stamp = CASE WHEN @newStamp IS NULL THEN security_stamp ELSE @newStamp END
            WHERE id = @id
            """,
            new
            {
                id,
                name = changes.Name,
                isAdmin = changes.IsAdmin,
                passwordHash = changes.PasswordHash,
                enable = changes.Disabled == false,
                disable = changes.Disabled == true,
                now,
                newStamp = changes.EndsSessions ? NewSecurityStamp() : null,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return StoreOutcome<User>.NotFound($"user {id} does not exist");
        }

        await using var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.UserColumns} FROM users WHERE id = @id", new { id }, scope.Transaction, cancellationToken: cancellationToken));
        await reader.ReadAsync(cancellationToken);
        var user = Rows.User(reader);
        await reader.DisposeAsync();
        await _journal.RecordAsync(
            scope,
            new ChangeEvent(AuditActions.UserUpdated, null, "user", id.ToString(CultureInfo.InvariantCulture), EventPayloads.Details(
                ("name_changed", changes.Name is not null),
                ("is_admin", changes.IsAdmin),
                ("password_changed", changes.PasswordHash is not null),
                ("disabled", changes.Disabled))),
            cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<User>.Success(user);
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
            SELECT u.id, u.email, u.name, u.is_admin, u.created_at, u.disabled_at
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @tokenHash AND t.revoked_at IS NULL AND u.disabled_at IS NULL
            """,
            new { tokenHash },
            Rows.User,
            cancellationToken);

    public Task<TokenOwner?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        QuerySingleAsync(
            """
            SELECT u.id, u.email, u.name, u.is_admin, u.created_at, u.disabled_at, t.id
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @tokenHash AND t.revoked_at IS NULL AND u.disabled_at IS NULL
            """,
            new { tokenHash },
            r => new TokenOwner(r.GetInt64(6), Rows.User(r)),
            cancellationToken);

    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.TokenColumns} FROM api_tokens WHERE user_id = @userId ORDER BY id", new { userId }, cancellationToken: cancellationToken));
        var tokens = new List<ApiToken>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(Rows.Token(reader));
        }

        return tokens;
    }

    public async Task<StoreOutcome<string>> RevokeTokenAsync(long userId, long tokenId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var hash = await scope.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT token_hash FROM api_tokens WHERE id = @tokenId AND user_id = @userId", new { tokenId, userId }, scope.Transaction, cancellationToken: cancellationToken));
        if (hash is null)
        {
            return StoreOutcome<string>.NotFound($"token {tokenId} does not exist");
        }

        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_tokens SET revoked_at = @now WHERE id = @tokenId AND revoked_at IS NULL", new { tokenId, now }, scope.Transaction, cancellationToken: cancellationToken));
        await _journal.RecordAsync(
            scope,
            new ChangeEvent(AuditActions.ApiTokenRevoked, null, "api_token", tokenId.ToString(CultureInfo.InvariantCulture), EventPayloads.Details(("user_id", userId))),
            cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<string>.Success(hash);
    }

    public async Task TouchTokenAsync(long tokenId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_tokens SET last_used_at = @at WHERE id = @tokenId", new { tokenId, at }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }

    private static UserCredentials Credentials(DbDataReader r) =>
        new(Rows.User(r), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7));

    private static string NewSecurityStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private async Task<T?> QuerySingleAsync<T>(string sql, object parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        await using DbConnection connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? map(reader) : null;
    }
}
