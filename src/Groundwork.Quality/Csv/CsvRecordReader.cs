using System.Text;

namespace Groundwork.Quality.Csv;

/// <summary>
/// A small RFC 4180 reader: comma-separated, fields optionally in double quotes with <c>""</c> as an
/// escaped quote, line breaks allowed inside quotes, CRLF or LF. Tracks the 1-based line on which each record starts.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    /// <summary>The line where the last record returned started.</summary>
    public int RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end. Returns an error message for a malformed record.</summary>
    public bool TryRead(List<string> fields, out string? error)
    {
        fields.Clear();
        error = null;
        RecordLine = _line;
        var c = reader.Read();
        if (c < 0)
        {
            return false;
        }

        // Skip blank lines between records.
        while (c == '\r' || c == '\n')
        {
            if (c == '\n')
            {
                _line++;
            }

            RecordLine = _line;
            c = reader.Read();
            if (c < 0)
            {
                return false;
            }
        }

        while (true)
        {
            _field.Clear();
            if (c == '"')
            {
                while (true)
                {
                    c = reader.Read();
                    if (c < 0)
                    {
                        error = "unterminated quoted field";
                        return true;
                    }

                    if (c == '"')
                    {
                        c = reader.Read();
                        if (c == '"')
                        {
                            _field.Append('"');
                            continue;
                        }

                        break;
                    }

                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append((char)c);
                }

                if (c >= 0 && c != ',' && c != '\r' && c != '\n')
                {
                    error = "unexpected character after a closing quote";
                    SkipToEndOfLine(c);
                    return true;
                }
            }
            else
            {
                while (c >= 0 && c != ',' && c != '\r' && c != '\n')
                {
                    if (c == '"')
                    {
                        error = "a quote inside an unquoted field";
                        SkipToEndOfLine(c);
                        return true;
                    }

                    _field.Append((char)c);
                    c = reader.Read();
                }
            }

            fields.Add(_field.ToString());
            if (c == ',')
            {
                c = reader.Read();
                continue;
            }

            if (c == '\r')
            {
                if (reader.Peek() == '\n')
                {
                    reader.Read();
                }

                _line++;
            }
            else if (c == '\n')
            {
                _line++;
            }

            return true;
        }
    }

    private void SkipToEndOfLine(int c)
    {
        while (c >= 0 && c != '\n')
        {
            c = reader.Read();
        }

        if (c == '\n')
        {
            _line++;
        }
    }
}
