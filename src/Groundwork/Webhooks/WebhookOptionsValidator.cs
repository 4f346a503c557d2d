using Microsoft.Extensions.Options;

namespace Groundwork.Webhooks;

/// <summary>Refuses webhook settings that do not make sense together, naming the one that is wrong.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Check() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
