namespace Groundwork.Core.Events;

/// <summary>Which URLs events may be sent to: absolute http or https, with a host, at most 2048 characters.</summary>
public static class WebhookUrl
{
    public const int MaxLength = 2048;

    /// <summary>Null when <paramref name="url"/> is acceptable, else why not (a phrase for a problem response).</summary>
    public static string? Check(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "must be an absolute http or https URL";
        }

        if (url.Length > MaxLength)
        {
            return $"must have at most {MaxLength} characters";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            return "must be an absolute http or https URL";
        }

        return uri.UserInfo.Length > 0 ? "must not carry a user name or password" : null;
    }
}
