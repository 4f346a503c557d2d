namespace Groundwork.Hosting;

/// <summary>First-start settings. <c>GROUNDWORK_BOOTSTRAP_TOKEN</c> makes the first admin's token a known value.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Groundwork:Bootstrap";

    public string? Token { get; set; }

    public string AdminEmail { get; set; } = "admin@localhost";
}
