using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Groundwork.Core.Import;

namespace Groundwork.Formats.Import;

/// <summary>
/// A read-only pass-through stream that checks the bytes are UTF-8 as they go by and counts lines, so text
/// with a bad byte is refused with the line it is on instead of being decoded into replacement characters.
/// </summary>
internal sealed class Utf8CheckingStream(Stream inner) : Stream
{
    /// <summary>The bytes of a character cut by the end of the previous read (at most 3).</summary>
    private readonly byte[] _carry = new byte[4];
    private int _carried;
    private long _line = 1;

    /// <summary>The error found in the last read, raised on the next one: the bytes before it go to the reader first, so errors earlier in the text are reported first whatever the read size.</summary>
    private ImportFormatException? _pending;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowPending();
        return Check(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowPending();
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Check(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Check(ReadOnlySpan<byte> block)
    {
        if (block.IsEmpty)
        {
            if (_carried > 0)
            {
                throw Invalid(_carry[0], "the input ends inside a character");
            }

            return 0;
        }

        // Complete the character the previous block cut off.
        var start = 0;
        while (_carried > 0)
        {
            if (start == block.Length)
            {
                return block.Length;
            }

            _carry[_carried++] = block[start++];
            var status = Rune.DecodeFromUtf8(_carry.AsSpan(0, _carried), out _, out _);
            if (status == OperationStatus.Done)
            {
                _carried = 0;
            }
            else if (status != OperationStatus.NeedMoreData || _carried == 4)
            {
                throw Invalid(_carry[0], "a byte sequence that is not UTF-8");
            }
        }

        var rest = block[start..];
        var tail = IncompleteTail(rest);
        var whole = rest[..^tail];
        if (!Utf8.IsValid(whole))
        {
            var at = FirstInvalid(whole);
            _line += whole[..at].Count((byte)'\n');
            var error = Invalid(whole[at], "a byte sequence that is not UTF-8");
            if (start + at == 0)
            {
                throw error; // nothing valid to hand out first (and 0 bytes would read as the end of the input)
            }

            _pending = error;
            return start + at;
        }

        _line += whole.Count((byte)'\n');
        rest[^tail..].CopyTo(_carry);
        _carried = tail;
        return block.Length;
    }

    private void ThrowPending()
    {
        if (_pending is not null)
        {
            throw _pending;
        }
    }

    /// <summary>How many bytes at the end start a character that continues in the next block (0 to 3).</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) != 0x80)
            {
                // A lead byte: incomplete when the character needs more bytes than are left.
                var needs = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needs > back ? back : 0;
            }
        }

        return 0;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed) != OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return at;
    }

    private ImportFormatException Invalid(byte first, string what) =>
        new($"the text is not valid UTF-8: {what}, starting with byte 0x{first:X2}", _line);
}
