namespace Groundwork.Demo;

/// <summary>
/// <c>groundwork serve --demo</c>: seed the sample projects and let anyone who opens the UI in as the demo user.
/// Off unless asked for; bound from <c>Groundwork:Demo</c>. Never set it on a server others can reach.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Groundwork:Demo";

    public bool Enabled { get; set; }

    /// <summary>Where the sample data lies (the web build's <c>demo/</c> folder); default <c>wwwroot/demo</c> beside the executable.</summary>
    public string? DataDirectory { get; set; }

    public string ResolvedDataDirectory => string.IsNullOrEmpty(DataDirectory) ? Path.Combine(Hosting.WebUi.Root, "demo") : DataDirectory;
}
