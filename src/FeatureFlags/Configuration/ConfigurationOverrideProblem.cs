namespace FeatureFlags;

/// <summary>An entry under <c>FeatureToggles:Overrides</c> that is ignored, and how to fix it.</summary>
internal sealed record ConfigurationOverrideProblem(string Toggle, string Path, string Message, string FixHint);
