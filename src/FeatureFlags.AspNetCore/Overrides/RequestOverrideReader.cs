using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Reads request overrides from the query string and header: for every toggle when they are enabled, else only for
/// flags in testing mode; and refuses them outside the environments of FeatureTogglesHttpOptions.RequestOverrideEnvironments.
/// </summary>
internal sealed class RequestOverrideReader
{
    private static readonly Dictionary<string, bool> None = new(StringComparer.Ordinal);
    private static readonly char[] HeaderSeparators = [',', ';'];

    private readonly FeatureTogglesHttpOptions _options;
    private readonly IToggleRegistry _registry;
    private readonly ILogger _logger;
    private readonly Func<Toggle, bool> _isTesting;
    private readonly bool _enabled;
    private readonly bool _refusedHere;

    public RequestOverrideReader(
        IOptions<FeatureTogglesOptions> toggleOptions,
        IOptions<FeatureTogglesHttpOptions> options,
        IToggleRegistry registry,
        IHostEnvironment environment,
        Func<Toggle, bool> isTesting,
        ILogger logger)
    {
        _options = options.Value;
        _registry = registry;
        _logger = logger;
        _isTesting = isTesting;
        _enabled = toggleOptions.Value.EnableRequestOverrides;
        _refusedHere = !_options.RequestOverrideEnvironments.Contains(environment.EnvironmentName, StringComparer.OrdinalIgnoreCase);
        if (_enabled && _refusedHere)
        {
            Log.OverridesRefusedInEnvironment(logger, environment.EnvironmentName);
        }
    }

    /// <summary>
    /// Returns the request's overrides; <paramref name="problem"/> says why the request's overrides are invalid.
    /// </summary>
    public IReadOnlyDictionary<string, bool> Read(HttpContext httpContext, out string? problem)
    {
        problem = null;
        var request = httpContext.Request;
        var hasHeader = request.Headers.TryGetValue(_options.OverrideHeaderName, out var header);
        var hasQuery = request.QueryString.HasValue && request.Query.Keys.Any(IsOverrideKey);
        if (!hasHeader && !hasQuery)
        {
            return None;
        }

        var requested = new List<(string Name, string Value, string Source)>();
        if (hasQuery)
        {
            foreach (var (key, values) in request.Query)
            {
                if (IsOverrideKey(key))
                {
                    requested.Add((key[_options.OverrideQueryPrefix.Length..], values.ToString(), "query"));
                }
            }
        }

        if (hasHeader)
        {
            foreach (var entry in header.SelectMany(h => (h ?? string.Empty).Split(HeaderSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                requested.Add(equals < 0 ? (entry, string.Empty, "header") : (entry[..equals].Trim(), entry[(equals + 1)..].Trim(), "header"));
            }
        }

        var overrides = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (name, value, source) in requested)
        {
            var declared = _registry.TryGet(name, out var toggle);

            // With overrides off for most toggles, other names are ordinary query parameters, not mistakes.
            if (!_enabled && !(declared && _isTesting(toggle!)))
            {
                continue;
            }

            if (_refusedHere)
            {
                Log.OverrideRefused(_logger, request.Method, request.Path);
                return None;
            }

            if (!declared)
            {
                problem = $"'{name}' is not a declared toggle";
                break;
            }

            bool? parsed = value.ToLowerInvariant() switch
            {
                "on" or "true" or "1" => true,
                "off" or "false" or "0" => false,
                _ => null,
            };
            if (parsed is not { } enabled)
            {
                problem = $"override of '{name}' in the {source} has value '{value}'; use on or off";
                break;
            }

            overrides[toggle!.FullName] = enabled;
        }

        if (problem is not null)
        {
            Log.InvalidOverride(_logger, request.Method, request.Path, problem);
            return None;
        }

        if (overrides.Count == 0)
        {
            return None;
        }

        Log.RequestOverridden(_logger, request.Method, request.Path, string.Join(", ", overrides.Select(o => $"{o.Key}={(o.Value ? "on" : "off")}")));
        return overrides;
    }

    private bool IsOverrideKey(string key)
        => key.Length > _options.OverrideQueryPrefix.Length && key.StartsWith(_options.OverrideQueryPrefix, StringComparison.OrdinalIgnoreCase);
}
