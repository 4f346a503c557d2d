namespace Groundwork.Quality.Spans;

/// <summary>A token span [<paramref name="Start"/>, <paramref name="End"/>).</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}
