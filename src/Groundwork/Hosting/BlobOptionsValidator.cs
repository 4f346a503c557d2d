using Microsoft.Extensions.Options;

namespace Groundwork.Hosting;

/// <summary>Refuses blob store settings that do not work together, at start, naming the setting.</summary>
public sealed class BlobOptionsValidator : IValidateOptions<BlobOptions>
{
    public ValidateOptionsResult Validate(string? name, BlobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Check() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
