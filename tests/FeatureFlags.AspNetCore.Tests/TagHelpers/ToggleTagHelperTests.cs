using FeatureFlags.Samples.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.TagHelpers;

/// <summary>
/// Mistakes in a view fail its render with a message naming the toggle, rather than hiding content silently.
/// </summary>
public sealed class ToggleTagHelperTests
{
    private ServiceProvider _services = null!;

    [SetUp]
    public void CreateServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFeatureToggles().AddTogglesFromAssemblyContaining<Program>();
        _services = services.BuildServiceProvider();
    }

    [TearDown]
    public void DisposeServices() => _services.Dispose();

    [Test]
    public void UnknownName_FailsTheRender()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Process(new ToggleTagHelper { Name = "storefront.new_chekout" }));

        Assert.That(error!.Message, Does.Contain("<toggle name=\"storefront.new_chekout\">: no toggle of that name is declared"));
    }

    [Test]
    public void CourseOnAFlagThatIsNotACourseFlag_FailsTheRender()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Process(new ToggleTagHelper { Name = "storefront.new_checkout", Course = "course-v1:A+B+C" }));

        Assert.That(error!.Message, Does.Contain("'course' is for course flags").And.Contain("is a Flag"));
    }

    [Test]
    public void CourseFlag_ForACourse_FollowsItsOverride_AndNegateInverts()
    {
        using var forced = _services.GetRequiredService<IToggles>().Override(StorefrontToggles.NewGrading, "course-v1:A+B+C", true);

        var shown = Process(new ToggleTagHelper { Name = "storefront.new_grading", Course = "course-v1:A+B+C" });
        var negated = Process(new ToggleTagHelper { Name = "storefront.new_grading", Course = "course-v1:A+B+C", Negate = true });
        var otherCourse = Process(new ToggleTagHelper { Name = "storefront.new_grading", Course = "course-v1:X+Y+Z" });

        Assert.That((shown.IsContentModified, shown.TagName), Is.EqualTo((false, (string?)null)));
        Assert.That(negated.IsContentModified, Is.True, "suppressed");
        Assert.That(otherCourse.IsContentModified, Is.True, "suppressed");
    }

    private TagHelperOutput Process(ToggleTagHelper helper)
    {
        helper.ViewContext = new ViewContext { HttpContext = new DefaultHttpContext { RequestServices = _services }, RouteData = new(), ActionDescriptor = new() };
        var output = new TagHelperOutput("toggle", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        helper.Process(new TagHelperContext([], new Dictionary<object, object>(), "id"), output);
        return output;
    }
}
