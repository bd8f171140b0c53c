using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Catalog;

public class ToggleCatalogTests
{
    private static readonly ToggleActor Ana = new("ana");

    [Test]
    public async Task Get_OneToggle_ShowsStateGroupPrerequisitesDependantsOverridesAndModifiedTimes()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetGroupAsync(ReleaseToggles.R1.FullName, true, Ana);
        await harness.Admin.SetAsync(ReleaseToggles.Outline, new FlagRules { Everyone = true }, Ana);
        await harness.Admin.SetCourseOverrideAsync(ReleaseToggles.Outline, "course-v1:edX+A+1", false, Ana);
        await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Child.FullName, [new(ReleaseToggles.Outline.FullName)], Ana);
        var catalog = harness.Provider.GetRequiredService<IToggleCatalog>();

        var view = (await catalog.GetAsync(ReleaseToggles.Outline.FullName))!;

        Assert.Multiple(() =>
        {
            Assert.That(view.Declaration, Is.SameAs(ReleaseToggles.Outline));
            Assert.That(view.Version, Is.EqualTo(view.State!.Version).And.GreaterThan(0));
            Assert.That(view.Overrides.Select(o => o.Key), Is.EqualTo(new[] { "releases.new_outline/course/course-v1:edX+A+1" }));
            Assert.That(view.Entry.Group, Is.EqualTo(ReleaseToggles.R1.FullName));
            Assert.That(view.GroupSettings, Does.Contain("on"));
            Assert.That(view.Entry.Dependants, Is.EqualTo(new[] { ReleaseToggles.Child.FullName }), "dependants come from the prerequisite index");
            Assert.That(view.Entry.FirstModified, Is.Not.Null);
            Assert.That(view.Entry.LastModified, Is.GreaterThanOrEqualTo(view.Entry.FirstModified!.Value));
        });
    }

    [Test]
    public async Task Get_UnknownName_IsNull_InvalidName_Throws()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        var catalog = harness.Provider.GetRequiredService<IToggleCatalog>();

        Assert.That(await catalog.GetAsync("releases.nothing_here"), Is.Null);
        Assert.ThrowsAsync<ArgumentException>(async () => await catalog.GetAsync("Not A Name"));
    }

    [TestCase(10)]
    [TestCase(10_000)]
    public async Task Get_ReadsAFixedNumberOfStoreKeys_WhateverTheStoreHolds(int stored)
    {
        var inner = new InMemoryToggleStore();
        var writes = Enumerable.Range(0, stored)
            .Select(i => new ToggleStoreWrite($"filler.toggle_{i:D5}", StoredValueCodec.EncodeSwitch(i % 2 == 0), 0))
            .ToList();
        await inner.WriteBatchAsync(writes, new ToggleAuditInfo("seed"));
        var store = new HookableToggleStore(inner);
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All), store: store);
        await harness.Admin.SetAsync(ReleaseToggles.Outline, new FlagRules { Everyone = true }, Ana);
        await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Child.FullName, [new(ReleaseToggles.Outline.FullName)], Ana);
        var catalog = harness.Provider.GetRequiredService<IToggleCatalog>();
        var calls = new List<StoreCall>();
        store.After = call =>
        {
            lock (calls)
            {
                calls.Add(call);
            }
        };

        var view = await catalog.GetAsync(ReleaseToggles.Outline.FullName);

        Assert.That(view!.Entry.Dependants, Is.EqualTo(new[] { ReleaseToggles.Child.FullName }), "the view is complete");
        Assert.That(calls, Is.EquivalentTo(new[] { StoreCall.GetMany, StoreCall.List, StoreCall.GetModifiedTimes, StoreCall.Get }),
            "its keys (with its group's), its overrides, its modified times and the prerequisite index: four reads, none of them the whole store");
    }

    [Test]
    public async Task List_FiltersAndPages_InNameOrder()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        var catalog = harness.Provider.GetRequiredService<IToggleCatalog>();

        var all = await catalog.ListAsync(new ToggleCatalogQuery { PageSize = 2 });
        var second = await catalog.ListAsync(new ToggleCatalogQuery { PageSize = 2, Page = 2 });
        var search = await catalog.ListAsync(new ToggleCatalogQuery { Search = "PARENT" });

        Assert.That(all.Total, Is.EqualTo(ReleaseToggles.All.Length));
        Assert.That(all.Entries.Select(e => e.Name).Concat(second.Entries.Select(e => e.Name)), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(all.Pages, Is.EqualTo((all.Total + 1) / 2));
        Assert.That(search.Entries.Select(e => e.Name), Is.EquivalentTo(new[] { ReleaseToggles.Parent.FullName, ReleaseToggles.CourseParent.FullName, ReleaseToggles.Child.FullName }),
            "names and descriptions match, ignoring case (the child's description is 'Needs the parent.')");
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await catalog.ListAsync(new ToggleCatalogQuery { PageSize = ToggleCatalogQuery.MaxPageSize + 1 }));
    }
}
