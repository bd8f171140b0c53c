namespace FeatureFlags.AspNetCore;

/// <summary>
/// The evaluation context of an OFREP request body, read and type-checked but not yet trusted.
/// </summary>
internal sealed class OfrepRequest
{
    public static OfrepRequest Empty { get; } = new();

    public string? TargetingKey { get; set; }

    public IReadOnlyList<string>? Groups { get; set; }

    public bool? Staff { get; set; }

    public bool? Superuser { get; set; }

    public bool? Authenticated { get; set; }

    public string? Language { get; set; }

    public string? Site { get; set; }

    public string? CourseKey { get; set; }

    public string? Organization { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }
}
