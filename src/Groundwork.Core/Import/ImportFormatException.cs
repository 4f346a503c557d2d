namespace Groundwork.Core.Import;

/// <summary>
/// Raised by an import reader when the input is malformed. Carries the 1-based line (and, where
/// known, the field) so the problem response can say exactly where the input is wrong.
/// </summary>
public sealed class ImportFormatException : Exception
{
    public ImportFormatException(string message, long line, string? field = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Line = line;
        Field = field;
    }

    public ImportFormatException()
    {
    }

    public ImportFormatException(string message)
        : base(message)
    {
    }

    public ImportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long Line { get; }

    public string? Field { get; }
}
