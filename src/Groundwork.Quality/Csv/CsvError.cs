namespace Groundwork.Quality.Csv;

/// <summary>Why a CSV input was rejected, with the 1-based line of the offending record.</summary>
public sealed record CsvError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
