using System.ComponentModel.DataAnnotations;

namespace Groundwork.Hosting;

/// <summary>Limits of the HTTP API. Bound from <c>Groundwork:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Groundwork:Api";

    /// <summary>Largest JSON request body for ordinary endpoints (default 8 MiB); larger gets 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Largest import body (default 16 GiB): imports stream, so this bounds disk, not memory.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxImportBytes { get; set; } = 16L * 1024 * 1024 * 1024;
}
