using Groundwork.Core.Users;

namespace Groundwork.Data.Tests.Stores;

public sealed class SqlUserStoreTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Update_GivesANewSecurityStamp_OnlyForANewPasswordOrDisabling(string provider)
    {
        await using var store = await TestStore.OpenAsync(provider);
        var user = (await store.Users.CreateAsync("ann@example.com", "Ann", isAdmin: false, "hash-1", CancellationToken.None))!;
        var initial = (await store.Users.GetCredentialsAsync(user.Id, CancellationToken.None))!;

        await store.Users.UpdateAsync(user.Id, new UserChanges(Name: "Ann Smith", IsAdmin: true), CancellationToken.None);
        var renamed = (await store.Users.GetCredentialsAsync(user.Id, CancellationToken.None))!;
        await store.Users.UpdateAsync(user.Id, new UserChanges(PasswordHash: "hash-2"), CancellationToken.None);
        var newPassword = (await store.Users.GetCredentialsAsync(user.Id, CancellationToken.None))!;
        var disabled = await store.Users.UpdateAsync(user.Id, new UserChanges(Disabled: true), CancellationToken.None);
        var afterDisable = (await store.Users.GetCredentialsByEmailAsync("ANN@example.com", CancellationToken.None))!;
        var enabled = await store.Users.UpdateAsync(user.Id, new UserChanges(Disabled: false), CancellationToken.None);

        Assert.Equal("hash-1", initial.PasswordHash);
        Assert.Equal(32, initial.SecurityStamp.Length);
        Assert.Equal(initial.SecurityStamp, renamed.SecurityStamp);
        Assert.Equal("Ann Smith", renamed.User.Name);
        Assert.True(renamed.User.IsAdmin);
        Assert.Equal("hash-2", newPassword.PasswordHash);
        Assert.NotEqual(renamed.SecurityStamp, newPassword.SecurityStamp);
        Assert.True(disabled.Value!.IsDisabled);
        Assert.NotEqual(newPassword.SecurityStamp, afterDisable.SecurityStamp);
        Assert.Equal("hash-2", afterDisable.PasswordHash);
        Assert.False(enabled.Value!.IsDisabled);
        Assert.False((await store.Users.UpdateAsync(999, new UserChanges(Name: "x"), CancellationToken.None)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task FindToken_SeesOnlyLiveTokensOfEnabledUsers_AndRevokeReturnsTheHash(string provider)
    {
        await using var store = await TestStore.OpenAsync(provider);
        var user = (await store.Users.CreateAsync("ann@example.com", "Ann", isAdmin: false, CancellationToken.None))!;
        var kept = await store.Users.AddTokenAsync(user.Id, "kept", "gw_aaaaa", "hash-kept", CancellationToken.None);
        var revoked = await store.Users.AddTokenAsync(user.Id, "revoked", "gw_bbbbb", "hash-revoked", CancellationToken.None);

        var outcome = await store.Users.RevokeTokenAsync(user.Id, revoked.Id, CancellationToken.None);
        var otherUsers = await store.Users.RevokeTokenAsync(user.Id + 1, kept.Id, CancellationToken.None);
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await store.Users.TouchTokenAsync(kept.Id, at, CancellationToken.None);

        Assert.Equal("hash-revoked", outcome.Value);
        Assert.False(otherUsers.Succeeded);
        Assert.Equal(kept.Id, (await store.Users.FindTokenAsync("hash-kept", CancellationToken.None))!.TokenId);
        Assert.Null(await store.Users.FindTokenAsync("hash-revoked", CancellationToken.None));
        var tokens = await store.Users.ListTokensAsync(user.Id, CancellationToken.None);
        Assert.Equal(["kept", "revoked"], tokens.Select(t => t.Name));
        Assert.Equal(at, tokens[0].LastUsedAt);
        Assert.Null(tokens[0].RevokedAt);
        Assert.NotNull(tokens[1].RevokedAt);
        await store.Users.UpdateAsync(user.Id, new UserChanges(Disabled: true), CancellationToken.None);
        Assert.Null(await store.Users.FindTokenAsync("hash-kept", CancellationToken.None));
        Assert.Null(await store.Users.FindByTokenHashAsync("hash-kept", CancellationToken.None));
    }
}
