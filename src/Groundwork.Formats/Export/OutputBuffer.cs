using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Groundwork.Formats.Export;

/// <summary>
/// The bytes of one task's output, built synchronously and then written to the stream asynchronously,
/// so memory holds one task at a time and the stream only sees async writes.
/// </summary>
internal sealed class OutputBuffer
{
    private const int ShrinkAbove = 1 << 20;

    internal static readonly JsonWriterOptions JsonOptions = new()
    {
        // Files, not HTML: keep non-ASCII text readable, as Label Studio's exports do.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private Utf8JsonWriter? _json;

    public int Length => _buffer.WrittenCount;

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    /// <summary>A JSON writer onto the buffer for one JSON value; call <see cref="EndJson"/> when it is complete.</summary>
    public Utf8JsonWriter StartJson()
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(_buffer, JsonOptions);
        }
        else
        {
            _json.Reset(_buffer);
        }

        return _json;
    }

    public void EndJson() => _json!.Flush();

    public void Write(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void Write(ReadOnlySpan<char> text)
    {
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    public void Write(byte ascii) => _buffer.Write([ascii]);

    /// <summary>Writes the buffered bytes to <paramref name="stream"/> and empties the buffer.</summary>
    public async ValueTask FlushToAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount > 0)
        {
            await stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        Clear();
    }

    public void Clear()
    {
        if (_buffer.Capacity > ShrinkAbove)
        {
            _buffer = new ArrayBufferWriter<byte>(16 * 1024);
            _json?.Dispose();
            _json = null;
        }
        else
        {
            _buffer.ResetWrittenCount();
        }
    }
}
