namespace FeatureFlags;

/// <summary>
/// What went wrong with an administrative operation, independent of the surface (code, HTTP, command line) that
/// reports it. Each surface maps a code once: HTTP to a status code, the CLI to an exit code.
/// </summary>
public enum ToggleErrorCode
{
    /// <summary>The request is malformed or names something invalid (HTTP 400, CLI exit 2).</summary>
    InvalidRequest = 1,

    /// <summary>The toggle or key does not exist where it must (HTTP 404, CLI exit 2).</summary>
    NotFound = 2,

    /// <summary>The actor lacks a role the toggle requires (HTTP 403, CLI exit 1).</summary>
    AccessDenied = 3,

    /// <summary>The stored version is not the one the caller read; nothing was written (HTTP 409 or 412, CLI exit 1).</summary>
    Conflict = 4,

    /// <summary>The change is well-formed but refused by a rule, such as deleting state still in use (HTTP 409, CLI exit 1).</summary>
    Refused = 5,

    /// <summary>The request is larger than allowed (HTTP 413, CLI exit 2).</summary>
    TooLarge = 6,

    /// <summary>The store cannot be reached or is not usable right now; retrying later may succeed (HTTP 503, CLI exit 3).</summary>
    StoreUnavailable = 7,
}
