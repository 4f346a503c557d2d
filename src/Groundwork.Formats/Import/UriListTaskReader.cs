using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Groundwork.Core;
using Groundwork.Core.Import;

namespace Groundwork.Formats.Import;

/// <summary>
/// A list of URLs (<c>text/uri-list</c> or a <c>.txt</c> file): one absolute http or https URL per line, blank lines
/// and lines starting with <c>#</c> (RFC 2483 comments) ignored. Each URL becomes one task whose data is
/// <c>{"&lt;variable&gt;": "&lt;url&gt;"}</c> and whose unique_id is the URL itself (<c>url-sha256:</c> and its hash when
/// longer than 512 characters), so importing the same list again is skipped. Any other scheme, a relative URL or
/// white space inside one is refused with its line.
/// </summary>
public sealed class UriListTaskReader(string variable) : ITaskReader
{
    /// <summary>The longest line accepted.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private const int MaxUniqueIdLength = 512;
    private static readonly JsonWriterOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async IAsyncEnumerable<ImportTask> ReadAsync(Stream input, ImportDefaults defaults, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(defaults);
        var checkedInput = new Utf8CheckingStream(input);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxLineBytes + 1);
        var output = new MemoryStream(256);
        try
        {
            int start = 0, end = 0;
            long line = 0;
            var eof = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !eof)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                    if (end == buffer.Length)
                    {
                        throw new ImportFormatException($"line is longer than {MaxLineBytes} bytes", line + 1);
                    }

                    var read = await checkedInput.ReadAsync(buffer.AsMemory(end), cancellationToken);
                    eof = read == 0;
                    end += read;
                    continue;
                }

                if (newline < 0 && start == end)
                {
                    yield break;
                }

                var length = newline < 0 ? end - start : newline;
                line++;
                var text = Encoding.UTF8.GetString(buffer, start, length);
                start += newline < 0 ? length : length + 1;
                if (line == 1 && text.Length > 0 && text[0] == '\uFEFF')
                {
                    text = text[1..];
                }

                text = text.Trim();
                if (text.Length == 0 || text[0] == '#')
                {
                    continue;
                }

                yield return ToTask(Check(text, line), line, defaults, output);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Check(string text, long line)
    {
        if (!StoredText.IsValid(text) || text.Any(static c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ImportFormatException("a URL may not contain white space or control characters; put one URL on each line", line);
        }

        // A leading slash would parse as a file path on Unix: it is a relative URL here.
        if (text[0] is '/' or '\\' || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Host)))
        {
            throw new ImportFormatException($"\"{Shorten(text)}\" is not an absolute URL: use http:// or https:// URLs, one per line", line);
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw new ImportFormatException($"\"{Shorten(text)}\" uses the scheme \"{uri.Scheme}\": only http and https URLs can be imported", line, "url");
        }

        return text;
    }

    private ImportTask ToTask(string url, long line, ImportDefaults defaults, MemoryStream output)
    {
        output.SetLength(0);
        using (var writer = new Utf8JsonWriter(output, s_json))
        {
            writer.WriteStartObject();
            writer.WriteString(variable, url);
            writer.WriteEndObject();
        }

        var uniqueId = url.Length <= MaxUniqueIdLength ? url : "url-sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)));
        return new ImportTask(Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length), uniqueId, null, defaults.Priority, defaults.Batch, Line: line);
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
