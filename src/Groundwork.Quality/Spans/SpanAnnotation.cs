namespace Groundwork.Quality.Spans;

/// <summary>One worker's BIO tags for one item (a sentence and span type): "O" outside, "B-x" begins, "I-x" continues.</summary>
public sealed record SpanAnnotation(string Item, string Worker, IReadOnlyList<string> Tags);
