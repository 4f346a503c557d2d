namespace Groundwork.Formats.Export;

/// <summary>
/// What a library that writes synchronously and asks for its position (Parquet.Net) is handed instead of a
/// forward-only response body: it collects the bytes and counts them, and <see cref="FlushToAsync"/> moves
/// what has collected to the real output with async writes. Memory holds what was written since the last flush.
/// </summary>
internal sealed class PendingOutputStream : Stream
{
    private MemoryStream _pending = new();
    private long _flushed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _flushed + _pending.Length;

    public override long Position
    {
        get => Length;
        set => throw new NotSupportedException();
    }

    /// <summary>Writes the collected bytes to <paramref name="output"/> and lets them go.</summary>
    public async ValueTask FlushToAsync(Stream output, CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        await output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken).ConfigureAwait(false);
        _flushed += _pending.Length;
        if (_pending.Capacity > 4 << 20)
        {
            _pending = new MemoryStream();
        }
        else
        {
            _pending.SetLength(0);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _pending.Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _pending.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
