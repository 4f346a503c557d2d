using Groundwork.Core.Events;
using Microsoft.AspNetCore.DataProtection;

namespace Groundwork.Webhooks;

/// <summary>
/// Signing secrets at rest: protected with ASP.NET Data Protection, whose keys live in the data directory,
/// so the database alone does not reveal them. Processes sharing a database must share those keys.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Groundwork.Webhooks.SigningSecret.v1");

    /// <summary>A new secret, in the clear (to show once) and protected (to store).</summary>
    public (string Secret, string Protected) Create()
    {
        var secret = WebhookSignature.NewSecret();
        return (secret, _protector.Protect(secret));
    }

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
