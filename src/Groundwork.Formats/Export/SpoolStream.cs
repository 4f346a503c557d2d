namespace Groundwork.Formats.Export;

/// <summary>
/// A write-only, forward-only stream that keeps what is written until <see cref="DrainToAsync"/> moves it
/// to the real output. Lets a synchronous producer (<see cref="System.IO.Compression.ZipArchive"/>, whose
/// entry streams still close synchronously) feed an output that only takes async writes, one piece at a time.
/// </summary>
internal sealed class SpoolStream : Stream
{
    private const int ShrinkAbove = 1 << 20;

    private MemoryStream _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override void WriteByte(byte value) => _pending.WriteByte(value);

    public override void Flush()
    {
    }

    /// <summary>Writes everything pending to <paramref name="output"/> and forgets it.</summary>
    public async ValueTask DrainToAsync(Stream output, CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            await output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken).ConfigureAwait(false);
        }

        if (_pending.Capacity > ShrinkAbove)
        {
            _pending = new MemoryStream();
        }
        else
        {
            _pending.SetLength(0);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
