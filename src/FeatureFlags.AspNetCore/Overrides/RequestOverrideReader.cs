using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Reads request overrides from the query string and header when they are enabled, and refuses them in Production
/// unless explicitly allowed.
/// </summary>
internal sealed class RequestOverrideReader
{
    private static readonly Dictionary<string, bool> None = new(StringComparer.Ordinal);
    private static readonly char[] HeaderSeparators = [',', ';'];

    private readonly FeatureTogglesHttpOptions _options;
    private readonly IToggleRegistry _registry;
    private readonly ILogger _logger;
    private readonly bool _enabled;
    private readonly bool _refused;

    public RequestOverrideReader(
        IOptions<FeatureTogglesOptions> toggleOptions,
        IOptions<FeatureTogglesHttpOptions> options,
        IToggleRegistry registry,
        IHostEnvironment environment,
        ILogger logger)
    {
        _options = options.Value;
        _registry = registry;
        _logger = logger;
        _enabled = toggleOptions.Value.EnableRequestOverrides;
        _refused = _enabled && environment.IsProduction() && !_options.AllowRequestOverridesInProduction;
        if (_refused)
        {
            Log.OverridesRefusedInProduction(logger);
        }
    }

    /// <summary>
    /// Returns the request's overrides; <paramref name="problem"/> says why the request's overrides are invalid.
    /// </summary>
    public IReadOnlyDictionary<string, bool> Read(HttpContext httpContext, out string? problem)
    {
        problem = null;
        if (!_enabled)
        {
            return None;
        }

        var request = httpContext.Request;
        var hasHeader = request.Headers.TryGetValue(_options.OverrideHeaderName, out var header);
        var hasQuery = request.QueryString.HasValue && request.Query.Keys.Any(IsOverrideKey);
        if (!hasHeader && !hasQuery)
        {
            return None;
        }

        if (_refused)
        {
            Log.OverrideRefused(_logger, request.Method, request.Path);
            return None;
        }

        var overrides = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (hasQuery)
        {
            foreach (var (key, values) in request.Query)
            {
                if (IsOverrideKey(key) && !Add(overrides, key[_options.OverrideQueryPrefix.Length..], values.ToString(), out problem))
                {
                    break;
                }
            }
        }

        if (problem is null && hasHeader)
        {
            foreach (var entry in header.SelectMany(h => (h ?? string.Empty).Split(HeaderSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    problem = $"'{entry}' in header {_options.OverrideHeaderName} is not name=on|off";
                    break;
                }

                if (!Add(overrides, entry[..equals].Trim(), entry[(equals + 1)..].Trim(), out problem))
                {
                    break;
                }
            }
        }

        if (problem is not null)
        {
            Log.InvalidOverride(_logger, request.Method, request.Path, problem);
            return None;
        }

        Log.RequestOverridden(_logger, request.Method, request.Path, string.Join(", ", overrides.Select(o => $"{o.Key}={(o.Value ? "on" : "off")}")));
        return overrides;
    }

    private bool IsOverrideKey(string key)
        => key.Length > _options.OverrideQueryPrefix.Length && key.StartsWith(_options.OverrideQueryPrefix, StringComparison.OrdinalIgnoreCase);

    private bool Add(Dictionary<string, bool> overrides, string name, string value, out string? problem)
    {
        if (!_registry.TryGet(name, out var toggle))
        {
            problem = $"'{name}' is not a declared toggle";
            return false;
        }

        bool? parsed = value.Trim().ToLowerInvariant() switch
        {
            "on" or "true" or "1" => true,
            "off" or "false" or "0" => false,
            _ => null,
        };
        if (parsed is not { } enabled)
        {
            problem = $"override of '{name}' has value '{value}'; use on or off";
            return false;
        }

        overrides[toggle.FullName] = enabled;
        problem = null;
        return true;
    }
}
