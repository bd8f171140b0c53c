using Microsoft.Extensions.Options;

namespace FeatureFlags.Sql;

/// <summary>
/// Validates the options of a SQL store once, at start-up (<c>ValidateOnStart</c>), and reports every problem in one
/// message that names each option by its configuration key, such as <c>FeatureToggles:Store:PollInterval</c>.
/// </summary>
/// <typeparam name="TOptions">The store's options.</typeparam>
internal sealed class SqlToggleStoreOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : SqlToggleStoreOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Invalid {options.DatabaseName} toggle store options (set in code or in configuration section {SqlStoreRegistration.ConfigurationSection}): " +
                string.Join(" ", problems.Select(p => $"{SqlStoreRegistration.ConfigurationSection}:{p}")));
    }
}
