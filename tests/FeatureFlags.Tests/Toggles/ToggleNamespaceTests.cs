using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Toggles;

public class ToggleNamespaceTests
{
    [Test]
    public void Declare_ValidNames_BuildsFullNameAndKeepsMetadata()
    {
        var ns = new ToggleNamespace("lms.courseware");
        var flag = ns.Flag("new_outline2", TestToggles.Meta("Outline.", ToggleUseCases.BetaTesting, defaultValue: true));

        Assert.Multiple(() =>
        {
            Assert.That(flag.FullName, Is.EqualTo("lms.courseware.new_outline2"));
            Assert.That(flag.Namespace, Is.SameAs(ns));
            Assert.That(flag.Kind, Is.EqualTo(ToggleKind.Flag));
            Assert.That(flag.DefaultValue, Is.True);
            Assert.That(flag.DeclaredAt, Does.StartWith("ToggleNamespaceTests.cs:"));
        });
    }

    [TestCase("")]
    [TestCase("Checkout")]
    [TestCase("check-out")]
    [TestCase("1checkout")]
    [TestCase("checkout.")]
    [TestCase("a..b")]
    [TestCase("café")]
    public void Namespace_InvalidName_ThrowsNamingIt(string name)
    {
        var ex = Assert.Throws(Is.InstanceOf<ArgumentException>(), () => _ = new ToggleNamespace(name));
        if (name.Length > 0)
        {
            Assert.That(ex!.Message, Does.Contain($"'{name}'"));
        }
    }

    [TestCase("New")]
    [TestCase("new-cart")]
    [TestCase("new.cart")]
    [TestCase("_cart")]
    [TestCase("cart ")]
    public void Toggle_InvalidName_ThrowsNamingItAndTheNamespace(string name)
    {
        var ns = new ToggleNamespace("shop");
        var ex = Assert.Throws<ArgumentException>(() => ns.Switch(name, TestToggles.Meta("x", ToggleUseCases.LaunchDate)));
        Assert.That(ex!.Message, Does.Contain($"'{name}'").And.Contain("'shop'"));
    }

    [Test]
    public void Toggle_FullNameOver200Characters_Throws()
    {
        var ns = new ToggleNamespace(new string('a', 150));
        var ex = Assert.Throws<ArgumentException>(() => ns.Switch(new string('b', 60), TestToggles.Meta("x", ToggleUseCases.LaunchDate)));
        Assert.That(ex!.Message, Does.Contain("200"));
    }

    [Test]
    public void Toggle_MissingRequiredMetadata_ListsEveryProblem()
    {
        var ns = new ToggleNamespace("shop");
        var ex = Assert.Throws<ArgumentException>(() => ns.Flag("cart", new ToggleMetadata
        {
            Description = " ",
            UseCases = ToggleUseCases.None,
            CreatedOn = default,
        }));

        Assert.That(ex!.Message, Does.Contain("'shop.cart'")
            .And.Contain("description is required")
            .And.Contain("use case is required")
            .And.Contain("created-on date is required"));
    }

    [Test]
    public void Toggle_RemovalDateBeforeCreation_Throws()
    {
        var ns = new ToggleNamespace("shop");
        var ex = Assert.Throws<ArgumentException>(() => ns.Flag("cart", new ToggleMetadata
        {
            Description = "d",
            UseCases = ToggleUseCases.LaunchDate,
            CreatedOn = new DateOnly(2026, 5, 1),
            TargetRemovalOn = new DateOnly(2026, 4, 1),
        }));

        Assert.That(ex!.Message, Does.Contain("2026-04-01").And.Contain("before"));
    }

    [Test]
    public void Setting_EmptyConfigurationKey_Throws()
    {
        var ns = new ToggleNamespace("shop");
        Assert.Throws<ArgumentException>(() => ns.Setting("legacy", TestToggles.Meta("x", ToggleUseCases.OpenEdxOption), configurationKey: " "));
    }
}
