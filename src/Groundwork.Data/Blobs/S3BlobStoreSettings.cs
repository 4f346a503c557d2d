namespace Groundwork.Data.Blobs;

/// <summary>
/// Where an <see cref="S3BlobStore"/> keeps its blobs.
/// </summary>
/// <param name="Bucket">The bucket; it must exist.</param>
/// <param name="Region">The signing region (also the AWS region when <paramref name="Endpoint"/> is null).</param>
/// <param name="Endpoint">An S3-compatible endpoint (MinIO, Ceph, s3rver ...), or null for AWS itself.</param>
/// <param name="AccessKey">The access key id, or null for the SDK's default credential chain (instance roles, profiles).</param>
/// <param name="SecretKey">The secret access key, with <paramref name="AccessKey"/>.</param>
/// <param name="Prefix">Prepended to every key ("" or a path ending in '/'), so one bucket can hold several installs.</param>
/// <param name="SpoolDirectory">Where a stream of unknown length is spooled before its upload.</param>
public sealed record S3BlobStoreSettings(
    string Bucket,
    string Region,
    Uri? Endpoint,
    string? AccessKey,
    string? SecretKey,
    string Prefix,
    string SpoolDirectory)
{
    /// <summary>Keeps the secret out of logs and exception messages that print the settings.</summary>
    public override string ToString() => $"S3 bucket {Bucket} at {Endpoint?.ToString() ?? "AWS " + Region}{(Prefix.Length > 0 ? ", prefix " + Prefix : string.Empty)}";
}
