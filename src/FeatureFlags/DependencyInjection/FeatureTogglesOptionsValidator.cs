using Microsoft.Extensions.Options;

namespace FeatureFlags;

/// <summary>
/// Validates <see cref="FeatureTogglesOptions"/> and reports every problem in one message.
/// </summary>
internal sealed class FeatureTogglesOptionsValidator : IValidateOptions<FeatureTogglesOptions>
{
    public ValidateOptionsResult Validate(string? name, FeatureTogglesOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConfigurationSection))
        {
            problems.Add($"{nameof(options.ConfigurationSection)} must not be empty.");
        }

        if (options.StartupLoadTimeout < TimeSpan.Zero)
        {
            problems.Add($"{nameof(options.StartupLoadTimeout)} must not be negative (was {options.StartupLoadTimeout}).");
        }

        if (options.StoreOperationTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(options.StoreOperationTimeout)} must be positive (was {options.StoreOperationTimeout}).");
        }

        if (options.StoreRetryDelay <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(options.StoreRetryDelay)} must be positive (was {options.StoreRetryDelay}).");
        }

        if (options.MaxStoreRetryDelay < options.StoreRetryDelay)
        {
            problems.Add($"{nameof(options.MaxStoreRetryDelay)} ({options.MaxStoreRetryDelay}) must not be shorter than {nameof(options.StoreRetryDelay)} ({options.StoreRetryDelay}).");
        }

        if (options.OrganizationComparer is null)
        {
            problems.Add($"{nameof(options.OrganizationComparer)} must be set (the default is StringComparer.OrdinalIgnoreCase).");
        }

        if (options.MaxReasonLength < 1)
        {
            problems.Add($"{nameof(options.MaxReasonLength)} must be at least 1 (was {options.MaxReasonLength}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
