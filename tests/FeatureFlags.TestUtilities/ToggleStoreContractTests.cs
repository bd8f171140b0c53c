using FeatureFlags.Storage;
using NUnit.Framework;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// Behaviour every durable <see cref="IToggleStore"/> must have, run against a real database by each store's test project.
/// Each test gets a fresh database.
/// </summary>
public abstract partial class ToggleStoreContractTests
{
    protected static readonly ToggleActor Operator = new("operator");

    /// <summary>Creates an empty database and returns what <see cref="OpenStore"/> and <see cref="UseStore"/> need to reach it.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Opens a new store instance on the database, as another process would.</summary>
    protected abstract IToggleStore OpenStore(string database);

    /// <summary>Points a toggles builder at the database.</summary>
    protected abstract void UseStore(FeatureTogglesBuilder builder, string database);

    /// <summary>Runs SQL on the database directly, as a database administrator would.</summary>
    protected abstract Task ExecuteSqlAsync(string database, string sql);

    /// <summary>Runs a query on the database directly and returns its single value as text (null for SQL NULL).</summary>
    protected abstract Task<string?> ScalarAsync(string database, string sql);

    protected ToggleHarness CreateHarness(string database, Action<FeatureTogglesOptions>? options = null)
        => ToggleHarness.Create(
            b =>
            {
                b.AddToggles(ContractToggles.All);
                UseStore(b, database);
            },
            options);

    [Test]
    public async Task RoundTrip_EveryKindOfState_ReadBackByAnotherInstance()
    {
        var database = await CreateDatabaseAsync();
        const string Course = "course-v1:Acme+CS'101\"+2026";
        var longSubject = new string('ü', 999) + "é";
        using (var writer = CreateHarness(database))
        {
            await writer.Admin.SetAsync(ContractToggles.Kill, true, Operator, "launch");
            await writer.Admin.SetAsync(ContractToggles.Rollout, new FlagRules
            {
                Percent = 12.345m,
                Testing = true,
                Superusers = true,
                Staff = true,
                Authenticated = false,
                Users = ["o'brien", "zoë", "用户"],
                Groups = ["beta \"squad\""],
                Languages = ["pt-BR"],
            }, Operator);
            await writer.Admin.SetCourseOverrideAsync(ContractToggles.Outline, Course, true, Operator);
            await writer.Admin.SetOrganizationOverrideAsync(ContractToggles.Outline, "Acme", false, Operator);
            await writer.Admin.SetOrganizationOverrideAsync(ContractToggles.Pilot, longSubject, true, Operator);
            await writer.Admin.SetSiteOverrideAsync(ContractToggles.Kill, "white.example", false, Operator);
        }

        using var reader = CreateHarness(database);
        var toggles = reader.Toggles;
        var stored = await reader.Store.ListAsync(string.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(stored.Select(r => r.Key), Is.EquivalentTo(new[]
            {
                "contract.kill",
                "contract.kill/site/white.example",
                "contract.rollout",
                "contract.outline/course/" + Course,
                "contract.outline/org/Acme",
                "contract.pilot/org/" + longSubject,
            }));
            Assert.That(toggles.IsEnabled(ContractToggles.Kill), Is.True);
            Assert.That(toggles.IsEnabled(ContractToggles.Kill, new ToggleContext { Site = "white.example" }), Is.False);
            Assert.That(toggles.IsEnabled(ContractToggles.Rollout, new ToggleContext { UserId = "用户" }), Is.True);
            Assert.That(toggles.Explain(ContractToggles.Rollout, new ToggleContext { UserId = "x", Groups = ["beta \"squad\""] }).Reason, Is.EqualTo(ToggleReason.Group));
            Assert.That(toggles.Explain(ContractToggles.Outline, Course).Reason, Is.EqualTo(ToggleReason.Course));
            Assert.That(toggles.Explain(ContractToggles.Outline, "course-v1:Acme+X+1").IsEnabled, Is.False);
            Assert.That(toggles.IsEnabled(ContractToggles.Pilot, longSubject), Is.True);
        });

        var rules = StoredValueCodec.DecodeFlag(stored.Single(r => r.Key == "contract.rollout").Value);
        Assert.That(rules.Percent, Is.EqualTo(12.345m));
        Assert.That(rules.Users, Is.EqualTo(new[] { "o'brien", "zoë", "用户" }));
    }

    [Test]
    public async Task Records_RoundTripExactly_WithVersionsAndTimes()
    {
        var store = OpenStore(await CreateDatabaseAsync());
        await using var _ = store as IAsyncDisposable;
        var value = "{\"v\":1,\"text\":\"quote ' double \\\" unicode ✓ \\u0000\"}";

        var written = await store.SetAsync("raw.key/course/" + new string('x', 1000), value, 0, new ToggleAuditInfo("ana", "why"));
        var read = await store.GetAsync(written.Key);
        var many = await store.GetManyAsync([written.Key, "absent.key"]);

        Assert.That(read, Is.EqualTo(written));
        Assert.That(many, Is.EqualTo(new[] { written }));
        Assert.That(written.Version, Is.GreaterThan(0));
    }

    [Test]
    public async Task Set_KeyTooLong_RejectedWithClearError()
    {
        var store = OpenStore(await CreateDatabaseAsync());
        await using var _ = store as IAsyncDisposable;

        var ex = Assert.ThrowsAsync<ArgumentException>(async () => await store.SetAsync("a.b/course/" + new string('用', 1000), "{}", 0, new ToggleAuditInfo("ana")));

        Assert.That(ex!.Message, Does.Contain("bytes"));
    }

    [Test]
    public async Task Set_StaleVersion_ThrowsConflictAndChangesNothing()
    {
        var store = OpenStore(await CreateDatabaseAsync());
        await using var _ = store as IAsyncDisposable;
        var first = await store.SetAsync("a.b", "1", 0, new ToggleAuditInfo("ana"));
        var second = await store.SetAsync("a.b", "2", first.Version, new ToggleAuditInfo("ana"));

        var conflict = Assert.ThrowsAsync<ToggleConflictException>(async () => await store.SetAsync("a.b", "3", first.Version, new ToggleAuditInfo("bob")));
        Assert.ThrowsAsync<ToggleConflictException>(async () => await store.SetAsync("a.b", "4", 0, new ToggleAuditInfo("bob")));
        Assert.ThrowsAsync<ToggleConflictException>(async () => await store.DeleteAsync("a.b", first.Version, new ToggleAuditInfo("bob")));
        Assert.ThrowsAsync<ToggleConflictException>(async () => await store.DeleteAsync("absent.key", 1, new ToggleAuditInfo("bob")));

        Assert.That(conflict!.ActualVersion, Is.EqualTo(second.Version));
        Assert.That(await store.GetAsync("a.b"), Is.EqualTo(second));
        Assert.That(await store.GetHistoryAsync("a.b"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task SixteenConcurrentWriters_OnOneToggle_LoseNoUpdate()
    {
        var database = await CreateDatabaseAsync();
        using var harness = CreateHarness(database);
        await harness.Admin.SetAsync(ContractToggles.Rollout, new FlagRules { MatchNobody = true }, Operator);
        var succeeded = new System.Collections.Concurrent.ConcurrentBag<string>();
        var conflicts = 0;
        using var start = new Barrier(16);

        var writers = Enumerable.Range(0, 16).Select(i => Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            try
            {
                await harness.Admin.UpdateFlagAsync(ContractToggles.Rollout.FullName, r => r with { Users = [.. r.Users, $"user{i}"] }, new ToggleActor($"writer{i}"), $"add user{i}");
                succeeded.Add($"user{i}");
            }
            catch (ToggleConflictException)
            {
                Interlocked.Increment(ref conflicts);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
        await Task.WhenAll(writers);

        var final = StoredValueCodec.DecodeFlag((await harness.Store.GetAsync(ContractToggles.Rollout.FullName))!.Value);
        var updates = (await harness.Admin.GetHistoryAsync(ContractToggles.Rollout.FullName)).Where(h => h.Action == ToggleAuditAction.Updated).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(succeeded.Count + conflicts, Is.EqualTo(16));
            Assert.That(succeeded, Is.Not.Empty);
            Assert.That(final.Users, Is.EquivalentTo(succeeded), "final state holds exactly the successful writes");
            Assert.That(updates.Select(u => u.Actor), Is.EquivalentTo(succeeded.Select(s => s.Replace("user", "writer", StringComparison.Ordinal))), "one audit row per successful write");
            Assert.That(updates.Select(u => u.Version), Is.Ordered.And.Unique);
        });
    }

    [Test]
    public async Task SixteenConcurrentRawWrites_SameExpectedVersion_ExactlyOneWins()
    {
        var store = OpenStore(await CreateDatabaseAsync());
        await using var _ = store as IAsyncDisposable;
        var initial = await store.SetAsync("race.key", "0", 0, new ToggleAuditInfo("seed"));
        using var start = new Barrier(16);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 16).Select(i => Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            try
            {
                await store.SetAsync("race.key", i.ToString(System.Globalization.CultureInfo.InvariantCulture), initial.Version, new ToggleAuditInfo($"w{i}"));
                return true;
            }
            catch (ToggleConflictException)
            {
                return false;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));

        var history = await store.GetHistoryAsync("race.key");
        Assert.That(outcomes.Count(o => o), Is.EqualTo(1));
        Assert.That(history, Has.Count.EqualTo(2));
        Assert.That((await store.GetAsync("race.key"))!.Value, Is.EqualTo(history[1].After));
    }

    [Test]
    public async Task Audit_EveryWrite_HasActorBeforeAfterReasonAndTime()
    {
        var database = await CreateDatabaseAsync();
        using var harness = CreateHarness(database);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await harness.Admin.SetAsync(ContractToggles.Kill, true, new ToggleActor("ana"), "launch");
        await harness.Admin.SetAsync(ContractToggles.Kill, false, new ToggleActor("ben"), "incident 42");
        await harness.Admin.SetSiteOverrideAsync(ContractToggles.Kill, "eu", true, new ToggleActor("cy"), "eu pilot");
        await harness.Admin.SetSiteOverrideAsync(ContractToggles.Kill, "eu", null, new ToggleActor("di"), "pilot over");
        var deleted = await harness.Admin.DeleteAsync(ContractToggles.Kill.FullName, new ToggleActor("ed"), "toggle removed");

        var history = await harness.Admin.GetHistoryAsync(ContractToggles.Kill.FullName);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(history.Select(h => (h.Actor, h.Action, h.Reason, h.Before is null, h.After is null)), Is.EqualTo(new[]
        {
            ("ana", ToggleAuditAction.Created, (string?)"launch", true, false),
            ("ben", ToggleAuditAction.Updated, "incident 42", false, false),
            ("cy", ToggleAuditAction.Created, "eu pilot", true, false),
            ("di", ToggleAuditAction.Deleted, "pilot over", false, true),
            ("ed", ToggleAuditAction.Deleted, "toggle removed", false, true),
        }));
        Assert.That(history[1].Before, Is.EqualTo(history[0].After));
        Assert.That(history.Select(h => h.At), Is.All.GreaterThan(before));
    }

    [Test]
    public async Task LeastPrivilege_ActorWithoutRole_RefusedAndNothingChanges()
    {
        var database = await CreateDatabaseAsync();
        using var harness = CreateHarness(database);
        await harness.Admin.SetAsync(ContractToggles.Billing, true, new ToggleActor("fin", "finance"), "initial");

        Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.SetAsync(ContractToggles.Billing, false, new ToggleActor("dev", "developers")));
        Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.SetSiteOverrideAsync(ContractToggles.Billing, "s", false, new ToggleActor("dev")));

        Assert.That(harness.Toggles.IsEnabled(ContractToggles.Billing), Is.True);
        Assert.That(await harness.Admin.GetHistoryAsync(ContractToggles.Billing.FullName), Has.Count.EqualTo(1));
        Assert.That(harness.Logs.WithEventId(8), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task CorruptStoredValue_LoggedAndTreatedAsUnset()
    {
        var database = await CreateDatabaseAsync();
        var store = OpenStore(database);
        await using (store as IAsyncDisposable)
        {
            await store.SetAsync(ContractToggles.Kill.FullName, "{ hand edited", 0, new ToggleAuditInfo("dba"));
            await store.SetAsync(ContractToggles.Rollout.FullName, "{\"v\":7,\"kind\":\"flag\"}", 0, new ToggleAuditInfo("future"));
        }

        using var harness = CreateHarness(database);

        Assert.That(harness.Toggles.Explain(ContractToggles.Kill).Reason, Is.EqualTo(ToggleReason.Default));
        Assert.That(harness.Toggles.Explain(ContractToggles.Rollout).Reason, Is.EqualTo(ToggleReason.Default));
        Assert.That(harness.Logs.WithEventId(3), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task UnreadableRow_SkippedAndLoggedOnce_EveryOtherToggleLoads()
    {
        var database = await CreateDatabaseAsync();
        using (var writer = CreateHarness(database))
        {
            await writer.Admin.SetAsync(ContractToggles.Kill, true, Operator);
            await writer.Admin.SetAsync(ContractToggles.Rollout, new FlagRules { Everyone = true }, Operator);
            await writer.Admin.SetOrganizationOverrideAsync(ContractToggles.Outline, "Acme", true, Operator);
        }

        // Storable in the integer column of either database, and out of range for any time.
        await ExecuteSqlAsync(database, "UPDATE ff_state SET modified_at = 9223372036854775807 WHERE key = 'contract.rollout'");
        using var reader = CreateHarness(database);
        var listed = await reader.Store.ListAsync(string.Empty);
        var single = await reader.Store.GetAsync(ContractToggles.Rollout.FullName);
        var refused = Assert.ThrowsAsync<ToggleException>(async () => await reader.Store.SetAsync(ContractToggles.Rollout.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("ana")));

        Assert.Multiple(() =>
        {
            Assert.That(reader.Toggles.IsEnabled(ContractToggles.Kill), Is.True);
            Assert.That(reader.Toggles.IsEnabled(ContractToggles.Outline, "course-v1:Acme+X+1"), Is.True);
            Assert.That(reader.Toggles.Explain(ContractToggles.Rollout).Reason, Is.EqualTo(ToggleReason.Default), "the unreadable row reads as unset");
            Assert.That(listed.Select(r => r.Key), Is.EquivalentTo(new[] { "contract.kill", "contract.outline/org/Acme" }));
            Assert.That(single, Is.Null);
            Assert.That(refused!.Code, Is.EqualTo(ToggleErrorCode.Refused), "a write cannot check a version it cannot read");
            Assert.That(reader.Logs.WithEventId(200), Has.Count.EqualTo(1), "logged once across three reads");
            Assert.That(reader.Logs.WithEventId(200)[0].Message, Does.Contain("'contract.rollout'").And.Contain("modified_at"));
        });
    }

    [Test]
    public async Task Schema_CreatedConcurrentlyByManyInstances_WithoutError()
    {
        var database = await CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 6).Select(_ => OpenStore(database)).ToList();
        try
        {
            await Task.WhenAll(stores.Select((s, i) => s.SetAsync($"boot.key{i}", "{}", 0, new ToggleAuditInfo("boot")).AsTask()));
            var listed = await stores[0].ListAsync("boot.");
            Assert.That(listed, Has.Count.EqualTo(6));
            Assert.That(listed.Select(r => r.Version), Is.Unique);
        }
        finally
        {
            foreach (var store in stores)
            {
                await ((IAsyncDisposable)store).DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Schema_Version1Database_UpgradedInPlace_RowsKept_WriterRecorded()
    {
        var database = await CreateDatabaseAsync();

        // A database as version 1 of the schema left it: no writer column in the audit.
        await ExecuteSqlAsync(database, """
            CREATE TABLE ff_meta (name TEXT NOT NULL PRIMARY KEY, value BIGINT NOT NULL);
            CREATE TABLE ff_state (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL, version BIGINT NOT NULL, created_at BIGINT NOT NULL, modified_at BIGINT NOT NULL, modified_by TEXT NOT NULL);
            CREATE TABLE ff_audit (version BIGINT NOT NULL PRIMARY KEY, key TEXT NOT NULL, action TEXT NOT NULL, before_value TEXT NULL, after_value TEXT NULL, actor TEXT NOT NULL, reason TEXT NULL, at BIGINT NOT NULL);
            CREATE INDEX ix_ff_audit_key ON ff_audit (key);
            INSERT INTO ff_meta (name, value) VALUES ('schema_version', 1), ('version', 1);
            INSERT INTO ff_state VALUES ('old.key', '{"v":1,"on":true}', 1, 1700000000000, 1700000000000, 'ana');
            INSERT INTO ff_audit VALUES (1, 'old.key', 'Created', NULL, '{"v":1,"on":true}', 'ana', NULL, 1700000000000);
            """);
        var store = OpenStore(database);
        await using var _ = store as IAsyncDisposable;

        var old = await store.GetAsync("old.key");
        var written = await store.SetAsync("new.key", "{}", 0, new ToggleAuditInfo("bo"));
        var history = await store.GetHistoryAsync("old.key");

        Assert.That((old?.Value, old?.Version), Is.EqualTo(("{\"v\":1,\"on\":true}", 1L)), "the row written under version 1 is kept");
        Assert.That(written.Version, Is.EqualTo(2), "the version counter continues");
        Assert.That(history.Select(h => (h.Version, h.Actor)), Is.EqualTo(new[] { (1L, "ana") }), "the old audit row is kept");
        Assert.That(await ScalarAsync(database, "SELECT value FROM ff_meta WHERE name = 'schema_version'"), Is.EqualTo("2"));
        Assert.That(await ScalarAsync(database, "SELECT writer FROM ff_audit WHERE version = 2"), Does.Match("^[0-9a-f]{32}$"), "the upgraded audit records the writer");
        Assert.That(await ScalarAsync(database, "SELECT writer FROM ff_audit WHERE version = 1"), Is.Null, "rows from before the upgrade name none");
    }

    [Test]
    public async Task ListAndHistory_PrefixesAreLiteral_NotPatterns()
    {
        var store = OpenStore(await CreateDatabaseAsync());
        await using var _ = store as IAsyncDisposable;
        foreach (var key in new[] { "a.b", "a.b/org/x%", "a.b/org/_y", "a.bc", "a_b.c", "a.b/site/s" })
        {
            await store.SetAsync(key, "{}", 0, new ToggleAuditInfo("ana"));
        }

        var listed = await store.ListAsync("a.b/org/x%");
        var underscore = await store.ListAsync("a_b");
        var history = await store.GetHistoryAsync("a.b");

        Assert.That(listed.Select(r => r.Key), Is.EqualTo(new[] { "a.b/org/x%" }));
        Assert.That(underscore.Select(r => r.Key), Is.EqualTo(new[] { "a_b.c" }));
        Assert.That(history.Select(h => h.Key), Is.EquivalentTo(new[] { "a.b", "a.b/org/x%", "a.b/org/_y", "a.b/site/s" }));
    }
}
