namespace Groundwork.Hosting;

/// <summary>Settings of the browser UI. Bound from <c>Groundwork:Web</c>.</summary>
public sealed class WebUiOptions
{
    public const string Section = "Groundwork:Web";

    /// <summary>
    /// Extra origins task images and audio may load from, as Content-Security-Policy sources
    /// (e.g. <c>https://bucket.example.com</c>); empty means this server, data: and blob: only.
    /// Set with <c>GROUNDWORK_MEDIA_ORIGINS</c>.
    /// </summary>
    public string MediaOrigins { get; set; } = string.Empty;
}
