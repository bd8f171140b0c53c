using FeatureFlags.Storage;
using Microsoft.Extensions.Logging;

namespace FeatureFlags;

/// <summary>
/// The one path every write takes, whatever surface it comes from (single keys, batches, imports, reverts, groups,
/// prerequisites): the actor and reason checked once; each write checked in one order (key and subject, value decoded
/// once, editor roles of the toggle and of what it names, kind and rules: <see cref="ToggleWriteRules"/>); then the
/// referential rules against the store (organisation spellings, the prerequisite graph); then one store batch, which
/// versions, audits and notifies. The prerequisite check is made safe against concurrent writers by rewriting the
/// store's <see cref="PrerequisiteIndex"/> at the version the check read, in the same batch.
/// </summary>
internal sealed class ToggleWritePipeline(IToggleStore store, FeatureTogglesOptions options, ToggleWriteRules rules, ILogger logger)
{
    /// <summary>How often a batch is checked again when only the prerequisite index moved under it.</summary>
    private const int IndexAttempts = 8;

    /// <summary>
    /// Checks and, unless <paramref name="dryRun"/>, writes a batch. With <paramref name="strict"/> the first refusal is
    /// thrown (as a <see cref="ToggleException"/> with its code); otherwise every problem is returned and nothing is
    /// written when one is an error.
    /// </summary>
    /// <param name="writes">The batch.</param>
    /// <param name="actor">Who writes.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="dryRun">Check only.</param>
    /// <param name="strict">Throw the first refusal instead of returning every problem.</param>
    /// <param name="current">The values the caller read for the batch's keys (absent keys left out), or null to read them here.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    public async ValueTask<ToggleWriteOutcome> RunAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleActor actor, string? reason, bool dryRun, bool strict, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? current = null)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(actor);
        rules.ValidateActorAndReason(actor, reason);

        var problems = new List<ToggleImportProblem>();
        current ??= await CurrentValuesAsync(writes, cancellationToken).ConfigureAwait(false);
        if (strict)
        {
            foreach (var write in writes)
            {
                ArgumentNullException.ThrowIfNull(write, nameof(writes));
                if (rules.Refusal(write, actor, current.GetValueOrDefault(write.Key)) is { } refusal)
                {
                    throw Logged(refusal, actor);
                }
            }
        }
        else
        {
            problems.AddRange(rules.Check(writes, actor, current));
            if (HasErrors(problems))
            {
                LogDenied(problems, actor);
                return new ToggleWriteOutcome(problems, false, []);
            }
        }

        foreach (var problem in await CheckStoredOrganizationsAsync(writes, cancellationToken).ConfigureAwait(false))
        {
            if (strict)
            {
                throw new ToggleException(problem.Code ?? ToggleErrorCode.InvalidRequest, problem.Message, problem.Key);
            }

            problems.Add(problem);
        }

        for (var attempt = 1; ; attempt++)
        {
            ToggleStoreWrite? index;
            try
            {
                index = await CheckPrerequisitesAsync(writes, cancellationToken).ConfigureAwait(false);
            }
            catch (ToggleException ex) when (!strict && ex.Code == ToggleErrorCode.Refused)
            {
                problems.Add(new ToggleImportProblem(ex.Key ?? "(batch)", ToggleLintSeverity.Error, ex.Message, ex.Code));
                return new ToggleWriteOutcome(problems, false, []);
            }

            if (HasErrors(problems) || dryRun || writes.Count == 0)
            {
                return new ToggleWriteOutcome(problems, !dryRun && !HasErrors(problems), []);
            }

            using var activity = ToggleTelemetry.Source.StartActivity("featureflags.change");
            activity?.SetTag(FeatureTogglesDiagnostics.ToggleTag, writes.Count == 1 ? writes[0].Key : "(batch)");
            IReadOnlyList<ToggleRecord> written;
            try
            {
                written = await WriteAsync(index is null ? writes : [.. writes, index], new ToggleAuditInfo(actor.Name, reason), cancellationToken).ConfigureAwait(false);
            }
            catch (ToggleConflictException conflict) when (index is not null && conflict.Key == PrerequisiteIndex.Key)
            {
                // Another writer changed who requires whom since the check read the graph: check again against theirs.
                if (attempt < IndexAttempts)
                {
                    continue;
                }

                var busy = new ToggleException(ToggleErrorCode.Conflict, $"Other writers changed prerequisites {IndexAttempts} times while this change was checked; nothing was written. Retry it.", writes.Count == 1 ? writes[0].Key : null, conflict);
                if (strict)
                {
                    throw busy;
                }

                problems.Add(new ToggleImportProblem(busy.Key ?? "(batch)", ToggleLintSeverity.Error, busy.Message, ToggleErrorCode.Conflict));
                return new ToggleWriteOutcome(problems, false, []);
            }

            foreach (var record in written)
            {
                if (!string.Equals(record.Key, PrerequisiteIndex.Key, StringComparison.Ordinal))
                {
                    Log.ToggleChanged(logger, actor.Name, record.Key, record.Version, reason);
                }
            }

            foreach (var write in writes.Where(w => w.IsDelete))
            {
                Log.ToggleChanged(logger, actor.Name, write.Key, 0, reason);
            }

            return new ToggleWriteOutcome(problems, true, [.. written.Where(r => !string.Equals(r.Key, PrerequisiteIndex.Key, StringComparison.Ordinal))]);
        }
    }

    /// <summary>Writes the batch; a single key as a single write, which stores notify as one change.</summary>
    private async ValueTask<IReadOnlyList<ToggleRecord>> WriteAsync(IReadOnlyList<ToggleStoreWrite> batch, ToggleAuditInfo audit, CancellationToken cancellationToken)
    {
        if (batch.Count != 1)
        {
            return await store.WriteBatchAsync(batch, audit, cancellationToken).ConfigureAwait(false);
        }

        var write = batch[0];
        if (write.Value is { } value)
        {
            return [await store.SetAsync(write.Key, value, write.ExpectedVersion, audit, cancellationToken).ConfigureAwait(false)];
        }

        await store.DeleteAsync(write.Key, write.ExpectedVersion, audit, cancellationToken).ConfigureAwait(false);
        return [];
    }

    /// <summary>The values stored now under the batch's keys (one read), so rules can tell what a write keeps from what it adds.</summary>
    private async ValueTask<Dictionary<string, string>> CurrentValuesAsync(IReadOnlyList<ToggleStoreWrite> writes, CancellationToken cancellationToken)
    {
        var keys = writes.Where(w => w is not null && IsReadable(w.Key)).Select(w => w.Key).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return (await store.GetManyAsync(keys, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>Returns whether a key may be sent to the store at all (the rules refuse the others with the reason).</summary>
    private static bool IsReadable(string? key)
    {
        if (string.IsNullOrEmpty(key) || !ToggleKeys.TryParse(key, out _, out _, out _))
        {
            return false;
        }

        try
        {
            ToggleKeys.ValidateKey(key);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool HasErrors(List<ToggleImportProblem> problems) => problems.Any(p => p.Severity == ToggleLintSeverity.Error);

    private ToggleException Logged(ToggleException refusal, ToggleActor actor)
    {
        if (refusal is ToggleAccessDeniedException denied)
        {
            Log.AccessDenied(logger, actor.Name, denied.Toggle, string.Join(", ", denied.RequiredRoles));
        }

        return refusal;
    }

    private void LogDenied(List<ToggleImportProblem> problems, ToggleActor actor)
    {
        foreach (var problem in problems.Where(p => p.Code == ToggleErrorCode.AccessDenied))
        {
            Log.AccessDenied(logger, actor.Name, problem.Key, "(batch)");
        }
    }

    /// <summary>
    /// Refuses writes that would leave prerequisites in a cycle (a toggle requiring itself included), chains too deep or
    /// checks too costly, or delete the state of a toggle others still require. Returns the rewrite of the index when the
    /// batch changes who requires whom, deletes a toggle's own state, or finds the index missing; otherwise null.
    /// </summary>
    private async ValueTask<ToggleStoreWrite?> CheckPrerequisitesAsync(IReadOnlyList<ToggleStoreWrite> writes, CancellationToken cancellationToken)
    {
        var own = writes.Where(w => ToggleKeys.TryParse(w.Key, out _, out var level, out _) && level is null).ToList();
        if (own.Count == 0)
        {
            return null;
        }

        var (read, version, rebuilt) = await PrerequisiteIndex.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        var graph = read.Copy();
        foreach (var write in own)
        {
            graph.Set(write.Key, write.Value);
        }

        // The index is checked against the stored state wherever the written toggles reach: a value written around the
        // pipeline (a direct store write, another writer's bug) can neither hide a cycle nor stay wrong in the index.
        await VerifyReachableAsync(graph, own.Where(w => w.Value is not null).Select(w => w.Key), cancellationToken).ConfigureAwait(false);

        foreach (var write in own.Where(w => w.IsDelete))
        {
            if (graph.DependantsOf(write.Key) is { Count: > 0 } dependants)
            {
                throw new ToggleException(
                    ToggleErrorCode.Refused,
                    $"'{write.Key}' is required by {string.Join(", ", dependants.Select(d => $"'{d}'"))}: remove it from their prerequisites first.",
                    write.Key);
            }
        }

        var written = own.Where(w => w.Value is not null).Select(w => w.Key).ToList();
        if (written.Count > 0 && graph.FindProblem(written) is { } problem)
        {
            throw new ToggleException(ToggleErrorCode.Refused, problem, written[0]);
        }

        // A delete is checked against the dependants the index lists, so it takes the index's version too: a writer that
        // makes another toggle require this one at the same time conflicts instead of slipping past the check.
        // A rebuilt (unreadable) index is stored again, so later writes read one key instead of listing the store. A delete takes the
        // index's version only when it changes the graph: deleting a toggle nothing requires and that requires nothing
        // costs no index write (and no copy of the index in the audit).
        return rebuilt || !graph.SameAs(read)
            ? new ToggleStoreWrite(PrerequisiteIndex.Key, PrerequisiteIndex.Encode(graph), version)
            : null;
    }

    /// <summary>
    /// Replaces the index's entries for every toggle reachable from <paramref name="starts"/> through prerequisites with
    /// what the store holds, level by level (at most <see cref="TogglePrerequisite.MaxDepth"/> reads, each of a bounded
    /// number of keys).
    /// </summary>
    private async ValueTask VerifyReachableAsync(PrerequisiteGraph graph, IEnumerable<string> starts, CancellationToken cancellationToken)
    {
        var first = starts.ToList();
        var seen = new HashSet<string>(first, StringComparer.Ordinal);
        var next = first.SelectMany(graph.PrerequisitesOf).Select(p => p.Toggle).ToList().Where(seen.Add).ToList();
        for (var level = 0; next.Count > 0 && level <= TogglePrerequisite.MaxDepth; level++)
        {
            var stored = (await store.GetManyAsync(next, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
            foreach (var toggle in next)
            {
                graph.Set(toggle, stored.GetValueOrDefault(toggle));
            }

            next = [.. next.SelectMany(graph.PrerequisitesOf).Select(p => p.Toggle).ToList().Where(seen.Add).Take(TogglePrerequisite.MaxEvaluations)];
        }
    }

    /// <summary>
    /// Refuses writes of an organisation override that <see cref="FeatureTogglesOptions.OrganizationComparer"/> finds
    /// already stored under another spelling (and not deleted by the same batch): two keys for one organisation would
    /// make instances disagree about which one answers.
    /// </summary>
    private async ValueTask<List<ToggleImportProblem>> CheckStoredOrganizationsAsync(IReadOnlyList<ToggleStoreWrite> writes, CancellationToken cancellationToken)
    {
        var problems = new List<ToggleImportProblem>();
        var byToggle = writes
            .Where(w => w.Value is not null && ToggleKeys.TryParse(w.Key, out _, out var level, out _) && level == OverrideLevel.Organization)
            .GroupBy(w => w.Key[..w.Key.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal);
        foreach (var group in byToggle)
        {
            var prefix = OrganizationPrefix(group.Key);
            var stored = (await store.ListAsync(prefix, cancellationToken).ConfigureAwait(false)).Select(r => r.Key).ToList();
            foreach (var write in group)
            {
                var organization = write.Key[prefix.Length..];
                var other = stored.FirstOrDefault(k => !string.Equals(k, write.Key, StringComparison.Ordinal)
                    && options.OrganizationComparer.Equals(k[prefix.Length..], organization)
                    && !writes.Any(w => w.IsDelete && string.Equals(w.Key, k, StringComparison.Ordinal)));
                if (other is not null)
                {
                    problems.Add(new ToggleImportProblem(write.Key, ToggleLintSeverity.Error, $"Organisation '{organization}' of '{group.Key}' is stored as '{other[prefix.Length..]}' (organisations compare under OrganizationComparer); write '{other}' instead, or delete it in the same batch.", ToggleErrorCode.InvalidRequest));
                }
            }
        }

        return problems;
    }

    /// <summary>Returns the prefix of a toggle's organisation overrides.</summary>
    public static string OrganizationPrefix(string toggle) => ToggleKeys.OverridePrefix(toggle) + "org/";
}

/// <summary>What the pipeline did: the problems found, whether the batch was written, and the records it wrote.</summary>
internal sealed record ToggleWriteOutcome(List<ToggleImportProblem> Problems, bool Applied, IReadOnlyList<ToggleRecord> Records);
