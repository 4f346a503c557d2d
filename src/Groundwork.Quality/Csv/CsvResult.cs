namespace Groundwork.Quality.Csv;

/// <summary>Either a value or a <see cref="CsvError"/> (malformed input is an expected failure, returned rather than thrown).</summary>
public sealed record CsvResult<T>(T? Value, CsvError? Error)
    where T : class
{
    public bool Succeeded => Error is null && Value is not null;

    public static CsvResult<T> Ok(T value) => new(value, null);

    public static CsvResult<T> Fail(int line, string message) => new(null, new CsvError(line, message));
}
