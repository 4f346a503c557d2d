namespace Groundwork.Formats.Import;

/// <summary>
/// A pass-through text reader that notes where each line feed is, so the line of any later character
/// position can be told. CsvHelper's own row count also counts a lone carriage return as a line break, and
/// depends on where its reads happen to end; this counts line feeds only, the same way for every read size.
/// Positions must be asked for in increasing order; memory holds only the line feeds not yet passed.
/// </summary>
internal sealed class LineCountingReader(TextReader inner) : TextReader
{
    private readonly Queue<long> _lineFeeds = new();
    private long _position;
    private long _linesPassed;

    /// <summary>The 1-based line of the character at <paramref name="position"/> (0-based, counted from the start).</summary>
    public long LineAt(long position)
    {
        while (_lineFeeds.TryPeek(out var feed) && feed < position)
        {
            _lineFeeds.Dequeue();
            _linesPassed++;
        }

        return _linesPassed + 1;
    }

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
        {
            Note(c == '\n' ? "\n" : "x");
        }

        return c;
    }

    // Every read fills the buffer unless the input ends: CsvHelper mis-parses a quoted field after a CR that
    // ends a short read, so what it sees must not depend on how the bytes arrived over the network.
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.ReadBlock(buffer);
        Note(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
        Note(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int ReadBlock(char[] buffer, int index, int count) => Read(buffer, index, count);

    public override int ReadBlock(Span<char> buffer) => Read(buffer);

    public override ValueTask<int> ReadBlockAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadBlockAsync(char[] buffer, int index, int count) => ReadAsync(buffer, index, count);

    public override string? ReadLine() => throw new NotSupportedException("read the CSV through its parser");

    public override string ReadToEnd() => throw new NotSupportedException("read the CSV through its parser");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Note(ReadOnlySpan<char> chars)
    {
        var offset = 0;
        while (offset < chars.Length)
        {
            var feed = chars[offset..].IndexOf('\n');
            if (feed < 0)
            {
                break;
            }

            _lineFeeds.Enqueue(_position + offset + feed);
            offset += feed + 1;
        }

        _position += chars.Length;
    }
}
