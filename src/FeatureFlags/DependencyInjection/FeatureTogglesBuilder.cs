using System.Reflection;
using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeatureFlags;

/// <summary>
/// Configures the toggle services: which toggles are declared and which store holds their state.
/// Returned by <see cref="FeatureTogglesServiceCollectionExtensions.AddFeatureToggles"/>.
/// </summary>
public sealed partial class FeatureTogglesBuilder
{
    private readonly ToggleRegistrations _registrations;

    internal FeatureTogglesBuilder(IServiceCollection services, ToggleRegistrations registrations)
    {
        Services = services;
        _registrations = registrations;
    }

    /// <summary>
    /// Gets the service collection, for extension methods such as <c>UseSqlite</c>.
    /// </summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Declares toggles to the application.
    /// </summary>
    /// <param name="toggles">The toggles.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="toggles"/> or one of its items is <see langword="null"/>.</exception>
    public FeatureTogglesBuilder AddToggles(params IEnumerable<Toggle> toggles)
    {
        ArgumentNullException.ThrowIfNull(toggles);
        foreach (var toggle in toggles)
        {
            ArgumentNullException.ThrowIfNull(toggle, nameof(toggles));
            _registrations.Toggles.Add(toggle);
        }

        return this;
    }

    /// <summary>
    /// Declares every toggle held in a static field or property of the assembly's types.
    /// </summary>
    /// <param name="assembly">The assembly to scan.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assembly"/> is <see langword="null"/>.</exception>
    public FeatureTogglesBuilder AddTogglesFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _registrations.Assemblies.Add(assembly);
        return this;
    }

    /// <summary>
    /// Declares every toggle held in a static field or property of the types in the assembly of <typeparamref name="T"/>.
    /// </summary>
    /// <typeparam name="T">A type of the assembly to scan.</typeparam>
    /// <returns>This builder.</returns>
    public FeatureTogglesBuilder AddTogglesFromAssemblyContaining<T>() => AddTogglesFromAssembly(typeof(T).Assembly);

    /// <summary>
    /// Declares every toggle held in a static field or property of the types in the assembly of <paramref name="type"/>.
    /// Use it with static toggle classes, which cannot be type arguments.
    /// </summary>
    /// <param name="type">A type of the assembly to scan.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is <see langword="null"/>.</exception>
    public FeatureTogglesBuilder AddTogglesFromAssemblyContaining(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return AddTogglesFromAssembly(type.Assembly);
    }

    /// <summary>
    /// Keeps toggle state in process memory (lost at exit). The default when no other store is chosen.
    /// </summary>
    /// <returns>This builder.</returns>
    public FeatureTogglesBuilder UseInMemoryStore()
        => UseStore(sp => new InMemoryToggleStore(sp.GetService<TimeProvider>()));

    /// <summary>
    /// Uses the given store for toggle state, replacing any store chosen before.
    /// </summary>
    /// <param name="factory">Creates the store; called once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public FeatureTogglesBuilder UseStore(Func<IServiceProvider, IToggleStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }
}
