namespace Groundwork.Formats.Import;

/// <summary>Picks the reader for an import by content type or file name.</summary>
public static class TaskReaders
{
    public static IReadOnlyList<string> SupportedContentTypes { get; } =
        ["application/json", "application/x-ndjson", "application/jsonl", "application/json-lines", "text/csv", "text/tab-separated-values"];

    /// <summary>The reader for a media type (parameters such as charset ignored), or null when unsupported.</summary>
    public static ITaskReader? ForContentType(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/json" or "text/json" => new JsonArrayTaskReader(),
            "application/x-ndjson" or "application/jsonl" or "application/json-lines" or "application/x-jsonlines" => new JsonLinesTaskReader(),
            "text/csv" or "application/csv" => new CsvTaskReader(','),
            "text/tab-separated-values" => new CsvTaskReader('\t'),
            _ => null,
        };
    }

    /// <summary>The reader for a file name's extension, or null when unsupported.</summary>
    public static ITaskReader? ForFileName(string? fileName) =>
        Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant() switch
        {
            ".json" => new JsonArrayTaskReader(),
            ".jsonl" or ".ndjson" => new JsonLinesTaskReader(),
            ".csv" => new CsvTaskReader(','),
            ".tsv" => new CsvTaskReader('\t'),
            _ => null,
        };
}
