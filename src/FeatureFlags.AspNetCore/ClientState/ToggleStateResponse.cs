namespace FeatureFlags.AspNetCore;

/// <summary>
/// The body of the toggle state endpoint and of the page element the bootstrap tag helper writes,
/// <c>{"toggles":{"checkout.new_cart":true,...}}</c>; deserialize it with <c>JsonSerializerDefaults.Web</c>.
/// </summary>
/// <param name="Toggles">The state of each toggle marked for clients, by full name.</param>
public sealed record ToggleStateResponse(IReadOnlyDictionary<string, bool> Toggles);
