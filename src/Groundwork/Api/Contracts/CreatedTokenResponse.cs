using Groundwork.Core.Users;

namespace Groundwork.Api.Contracts;

/// <summary>A token just created, with its secret <see cref="Token"/>: shown this once, never again.</summary>
public sealed record CreatedTokenResponse(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, string Token)
{
    public static CreatedTokenResponse From(IssuedToken issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        return new(issued.Token.Id, issued.Token.Name, issued.Token.Prefix, issued.Token.CreatedAt, issued.Secret);
    }
}
