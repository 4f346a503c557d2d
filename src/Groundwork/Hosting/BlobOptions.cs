namespace Groundwork.Hosting;

/// <summary>
/// Where media and produced files live. Bound from <c>Groundwork:Blobs</c>; the environment sets the same values:
/// <c>GROUNDWORK_BLOB_STORE</c> (<c>local</c> or <c>s3</c>), <c>GROUNDWORK_S3_ENDPOINT</c>, <c>GROUNDWORK_S3_BUCKET</c>,
/// <c>GROUNDWORK_S3_REGION</c>, <c>GROUNDWORK_S3_PREFIX</c>, and the secrets <c>GROUNDWORK_S3_ACCESS_KEY</c> and
/// <c>GROUNDWORK_S3_SECRET_KEY</c> (or files named by the same names with <c>_FILE</c>). Checked at start by <see cref="Check"/>.
/// </summary>
public sealed class BlobOptions
{
    public const string Section = "Groundwork:Blobs";

    public const string Local = "local";

    public const string S3 = "s3";

    /// <summary><c>local</c> (files under <c>&lt;data dir&gt;/blobs</c>, the default) or <c>s3</c>.</summary>
    public string Provider { get; set; } = Local;

    /// <summary>An S3-compatible endpoint URL (MinIO, Ceph, ...); empty for AWS S3 in <see cref="Region"/>.</summary>
    public string? Endpoint { get; set; }

    public string? Bucket { get; set; }

    /// <summary>The signing region (the AWS region without an endpoint); default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id; empty (with <see cref="SecretKey"/>) for the SDK's credential chain, e.g. an instance role.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>A key prefix ending in '/', so several installs can share one bucket; default none.</summary>
    public string? Prefix { get; set; }

    public bool UsesS3 => string.Equals(Provider, S3, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with the settings, naming the setting, or null when they work together.</summary>
    public string? Check()
    {
        if (!UsesS3)
        {
            return string.Equals(Provider, Local, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"Groundwork:Blobs:Provider (GROUNDWORK_BLOB_STORE) must be \"{Local}\" or \"{S3}\", not \"{Provider}\".";
        }

        if (string.IsNullOrWhiteSpace(Bucket))
        {
            return "The S3 blob store needs a bucket: set Groundwork:Blobs:Bucket (GROUNDWORK_S3_BUCKET).";
        }

        if (!string.IsNullOrWhiteSpace(Endpoint)
            && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(endpoint.UserInfo)))
        {
            return "Groundwork:Blobs:Endpoint (GROUNDWORK_S3_ENDPOINT) must be an absolute http:// or https:// URL without credentials in it.";
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            return "Groundwork:Blobs:Region (GROUNDWORK_S3_REGION) must not be empty.";
        }

        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
        {
            return "Set both the S3 access key (GROUNDWORK_S3_ACCESS_KEY) and secret key (GROUNDWORK_S3_SECRET_KEY), or neither to use the SDK's credential chain.";
        }

        if (!string.IsNullOrEmpty(Prefix) && (!Prefix.EndsWith('/') || !Core.Storage.BlobKey.IsValid(Prefix.TrimEnd('/'))))
        {
            return "Groundwork:Blobs:Prefix (GROUNDWORK_S3_PREFIX) must be slash-separated segments of [A-Za-z0-9-_.~+] ending in '/', e.g. groundwork/.";
        }

        return null;
    }
}
