using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Groundwork.Data.Blobs;

/// <summary>
/// A read-only, seekable view of one S3 object: nothing is fetched until the first read, which issues a GET for
/// the bytes from the current position to the end; a seek drops the open response and the next read starts a new
/// ranged GET there. Every GET requires the ETag the object had when it was opened (as If-Match, and checked on the answer).
/// </summary>
internal sealed class S3ReadStream(IAmazonS3 client, string bucket, string key, long length, string etag) : Stream
{
    private GetObjectResponse? _response;
    private Stream? _body;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _position >= length)
        {
            return 0;
        }

        if (_body is null)
        {
            try
            {
                _response = await client.GetObjectAsync(
                    new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(_position, length - 1), EtagToMatch = etag },
                    cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                throw new IOException($"The blob '{key}' changed or was removed while it was being read.", e);
            }

            // Servers that ignore If-Match (s3rver) are caught here: the object behind the GET must be the one opened.
            if (!string.Equals(_response.ETag, etag, StringComparison.Ordinal))
            {
                CloseBody();
                throw new IOException($"The blob '{key}' changed while it was being read.");
            }

            _body = _response.ResponseStream;
        }

        var read = await _body.ReadAsync(buffer, cancellationToken);
        if (read == 0 && _position < length)
        {
            throw new IOException($"The blob '{key}' ended after {_position} of {length} bytes.");
        }

        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position)
        {
            CloseBody();
            _position = target;
        }

        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseBody();
        }

        base.Dispose(disposing);
    }

    private void CloseBody()
    {
        _body?.Dispose();
        _response?.Dispose();
        _body = null;
        _response = null;
    }
}
