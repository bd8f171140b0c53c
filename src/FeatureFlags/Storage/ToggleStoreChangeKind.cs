namespace FeatureFlags.Storage;

/// <summary>
/// What a <see cref="ToggleStoreChange"/> announces. The set is closed: a listener that handles these five kinds
/// handles every notification a store sends.
/// </summary>
public enum ToggleStoreChangeKind
{
    /// <summary>
    /// A key was written: <see cref="ToggleStoreChange.Key"/>, <see cref="ToggleStoreChange.Record"/> (the record as
    /// written) and <see cref="ToggleStoreChange.Version"/> (the record's version) are set.
    /// </summary>
    Written,

    /// <summary>
    /// A key was deleted: <see cref="ToggleStoreChange.Key"/> and <see cref="ToggleStoreChange.Version"/> (the version
    /// of the deletion) are set; <see cref="ToggleStoreChange.Record"/> is <see langword="null"/>.
    /// </summary>
    Deleted,

    /// <summary>
    /// A key changed, but the notification does not carry its new state (it did not fit, or the sender is not trusted
    /// with it): listeners read the key back. <see cref="ToggleStoreChange.Version"/> is the version of the change when
    /// known, so a listener that already holds it can skip the read.
    /// </summary>
    Changed,

    /// <summary>
    /// The changes of one batch write, announced together so that a listener applies them at once:
    /// <see cref="ToggleStoreChange.Changes"/> holds them (each <see cref="Written"/>, <see cref="Deleted"/> or
    /// <see cref="Changed"/>), and <see cref="ToggleStoreChange.Version"/> is the newest of their versions.
    /// </summary>
    Batch,

    /// <summary>
    /// Anything may have changed unannounced (for example after a lost connection): listeners reload everything. When
    /// <see cref="ToggleStoreChange.Version"/> is set, only changes up to that version may have been missed, and every
    /// later one will be announced, so a listener whose last full load already held that version need not reload.
    /// </summary>
    Everything,
}
