namespace Groundwork.Hosting;

/// <summary>A read-only stream that raises 413 once more than a given number of bytes have been read through it.</summary>
public sealed class LimitedReadStream(Stream inner, long limit) : CountingReadStream(inner)
{
    protected override void OnRead(long totalBytes)
    {
        if (totalBytes > limit)
        {
            throw new BadHttpRequestException($"The request body is larger than the {limit} bytes this endpoint accepts.", StatusCodes.Status413PayloadTooLarge);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The request body belongs to the server: never close it from here.
    }
}
