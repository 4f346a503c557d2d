namespace Groundwork.Formats.Export;

/// <summary>The shape of an <see cref="ImageRegion"/>.</summary>
internal enum ImageShape
{
    Box,
    Polygon,
    KeyPoint,
}

/// <summary>
/// One labeled region on an image, in Label Studio's percentages: a box (x, y, width, height, rotation
/// in degrees about the top-left corner), a polygon (<see cref="Points"/> as x0, y0, x1, y1 ...) or a key point.
/// </summary>
internal sealed record ImageRegion(
    ImageShape Shape,
    string Label,
    double X,
    double Y,
    double Width,
    double Height,
    double Rotation,
    double[] Points)
{
    /// <summary>
    /// The axis-aligned bounds in percent (left, top, right, bottom), clamped to the image. A rotated box
    /// needs the image size, because Label Studio rotates in pixels; without it the rotation is ignored.
    /// </summary>
    public (double Left, double Top, double Right, double Bottom) Bounds(int? imageWidth, int? imageHeight)
    {
        double left, top, right, bottom;
        switch (Shape)
        {
            case ImageShape.Polygon when Points.Length >= 2:
                (left, top, right, bottom) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
                for (var i = 0; i + 1 < Points.Length; i += 2)
                {
                    left = Math.Min(left, Points[i]);
                    right = Math.Max(right, Points[i]);
                    top = Math.Min(top, Points[i + 1]);
                    bottom = Math.Max(bottom, Points[i + 1]);
                }

                break;
            case ImageShape.Box when Rotation % 360 != 0 && imageWidth > 0 && imageHeight > 0:
                (left, top, right, bottom) = RotatedBounds(imageWidth.Value, imageHeight.Value);
                break;
            case ImageShape.Box:
                (left, top, right, bottom) = (X, Y, X + Width, Y + Height);
                break;
            default:
                (left, top, right, bottom) = (X, Y, X, Y);
                break;
        }

        return (Clamp(left), Clamp(top), Clamp(right), Clamp(bottom));
    }

    private (double, double, double, double) RotatedBounds(int imageWidth, int imageHeight)
    {
        var radians = Rotation * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var w = Width / 100 * imageWidth;
        var h = Height / 100 * imageHeight;
        var (minX, minY, maxX, maxY) = (0.0, 0.0, 0.0, 0.0);
        foreach (var (dx, dy) in (ReadOnlySpan<(double, double)>)[(w, 0), (w, h), (0, h)])
        {
            var rx = dx * cos - dy * sin;
            var ry = dx * sin + dy * cos;
            (minX, maxX) = (Math.Min(minX, rx), Math.Max(maxX, rx));
            (minY, maxY) = (Math.Min(minY, ry), Math.Max(maxY, ry));
        }

        var x = X / 100 * imageWidth;
        var y = Y / 100 * imageHeight;
        return ((x + minX) / imageWidth * 100, (y + minY) / imageHeight * 100, (x + maxX) / imageWidth * 100, (y + maxY) / imageHeight * 100);
    }

    private static double Clamp(double percent) => Math.Clamp(percent, 0, 100);
}
