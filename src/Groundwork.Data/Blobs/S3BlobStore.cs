using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Groundwork.Core.Storage;

namespace Groundwork.Data.Blobs;

/// <summary>
/// Blobs in an S3-compatible bucket, for several server processes sharing one store. Every key is checked by
/// <see cref="BlobKey"/> and put under <see cref="S3BlobStoreSettings.Prefix"/>. A put is one PutObject (atomic on
/// S3: readers see the old blob or the new one, never a part); a stream whose length is unknown is first spooled to a
/// temporary file, never to memory. Uploads are sent whole with their length and no chunked signing (S3-compatible
/// servers such as s3rver do not decode chunked uploads), and checksums are computed only where the API requires them.
/// Reads return a seekable stream that fetches from the current position with a ranged GET, so the API can serve
/// HTTP range requests without downloading the whole object; the GET is pinned to the ETag seen when the blob was
/// opened, so a blob replaced meanwhile fails the read instead of mixing two versions. Single PUTs limit a blob to 5 GiB.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    private const long MaxSinglePutBytes = 5L * 1024 * 1024 * 1024;
    private readonly AmazonS3Client _client;
    private readonly S3BlobStoreSettings _settings;

    public S3BlobStore(S3BlobStoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(settings.Bucket);
        if (settings.Prefix.Length > 0 && (!settings.Prefix.EndsWith('/') || !BlobKey.IsValid(settings.Prefix.TrimEnd('/'))))
        {
            throw new ArgumentException("The prefix must be empty or a valid blob key followed by '/'.", nameof(settings));
        }

        _settings = settings;
        var config = new AmazonS3Config
        {
            AuthenticationRegion = settings.Region,
            // s3rver and several other S3-compatible servers cannot check the newer flexible checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.Endpoint is not null)
        {
            config.ServiceURL = settings.Endpoint.ToString();
            config.ForcePathStyle = true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        _client = settings.AccessKey is null
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
    }

    public async Task<BlobInfo> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var objectKey = ObjectKey(key);
        FileStream? spooled = null;
        try
        {
            var source = content;
            if (!content.CanSeek)
            {
                Directory.CreateDirectory(_settings.SpoolDirectory);
                spooled = new FileStream(
                    Path.Combine(_settings.SpoolDirectory, "s3-put-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                    81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                await content.CopyToAsync(spooled, cancellationToken);
                spooled.Position = 0;
                source = spooled;
            }

            var length = source.Length - source.Position;
            if (length > MaxSinglePutBytes)
            {
                throw new IOException($"A blob may hold at most {MaxSinglePutBytes} bytes in the S3 store; this one has {length}.");
            }

            var request = new PutObjectRequest
            {
                BucketName = _settings.Bucket,
                Key = objectKey,
                InputStream = source,
                AutoCloseStream = false,
                AutoResetStreamPosition = false,
                UseChunkEncoding = false,
                ContentType = contentType ?? "application/octet-stream",
            };
            request.Headers.ContentLength = length;
            await _client.PutObjectAsync(request, cancellationToken);
            return new BlobInfo(key, length, contentType, DateTimeOffset.UtcNow);
        }
        finally
        {
            if (spooled is not null)
            {
                await spooled.DisposeAsync();
            }
        }
    }

    public async Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var head = await HeadAsync(ObjectKey(key), cancellationToken);
        if (head is null)
        {
            return null;
        }

        var info = Info(key, head);
        return new BlobContent(info, new S3ReadStream(_client, _settings.Bucket, ObjectKey(key), info.Length, head.ETag));
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var head = await HeadAsync(ObjectKey(key), cancellationToken);
        return head is null ? null : Info(key, head);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        // S3 deletes are silent about missing objects: ask first, so the answer means what the contract says.
        if (await HeadAsync(objectKey, cancellationToken) is null)
        {
            return false;
        }

        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _settings.Bucket, Key = objectKey }, cancellationToken);
        return true;
    }

    public void Dispose() => _client.Dispose();

    private static BlobInfo Info(string key, GetObjectMetadataResponse head)
    {
        var modified = head.LastModified is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;
        var type = head.Headers.ContentType;
        return new BlobInfo(key, head.ContentLength, string.IsNullOrEmpty(type) || type == "application/octet-stream" ? null : type, modified);
    }

    private async Task<GetObjectMetadataResponse?> HeadAsync(string objectKey, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _settings.Bucket, Key = objectKey }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private string ObjectKey(string key)
    {
        BlobKey.Check(key);
        return _settings.Prefix + key;
    }
}
