using Groundwork.Core.Storage;
using Groundwork.Data.Blobs;

namespace Groundwork.Hosting;

/// <summary>Opens the blob store the options name: the local file store under the data folder, or an S3 bucket.</summary>
public static class BlobStoreFactory
{
    public static IBlobStore Open(BlobOptions blobs, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(storage);
        if (blobs.Check() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (!blobs.UsesS3)
        {
            return new LocalBlobStore(Path.Combine(storage.DataDirectory, "blobs"));
        }

        return new S3BlobStore(new S3BlobStoreSettings(
            blobs.Bucket!,
            blobs.Region,
            string.IsNullOrWhiteSpace(blobs.Endpoint) ? null : new Uri(blobs.Endpoint),
            string.IsNullOrEmpty(blobs.AccessKey) ? null : blobs.AccessKey,
            string.IsNullOrEmpty(blobs.SecretKey) ? null : blobs.SecretKey,
            blobs.Prefix ?? string.Empty,
            Path.Combine(storage.DataDirectory, "spool")));
    }
}
