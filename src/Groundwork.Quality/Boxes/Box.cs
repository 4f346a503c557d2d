namespace Groundwork.Quality.Boxes;

/// <summary>An axis-aligned box drawn by <paramref name="Worker"/> (left, top, width, height in pixels).</summary>
public readonly record struct Box(int Worker, string Label, double X, double Y, double W, double H)
{
    public double Area => Math.Max(0, W) * Math.Max(0, H);

    /// <summary>Intersection over union with another box (0 when either is empty).</summary>
    public double IoU(in Box other)
    {
        var ix = Math.Min(X + W, other.X + other.W) - Math.Max(X, other.X);
        var iy = Math.Min(Y + H, other.Y + other.H) - Math.Max(Y, other.Y);
        if (ix <= 0 || iy <= 0)
        {
            return 0;
        }

        var intersection = ix * iy;
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
