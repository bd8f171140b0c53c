using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Gating;

public sealed class ToggleGateHandlerTests
{
    [Test]
    public async Task ClosedGate_UsesTheRegisteredHandler_WithTheToggleAndCourse()
    {
        var handler = new RecordingHandler();
        using var app = new SampleApp { ExtraServices = s => s.AddSingleton<IToggleGateHandler>(handler) };
        using var client = app.CreateHttpsClient();

        var response = await client.GetAsync("/courses/course-v1:DemoX+Intro+2026/grading");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("storefront.new_grading is off for course-v1:DemoX+Intro+2026"));
        Assert.That(handler.Calls, Is.EqualTo(1));
    }

    private sealed class RecordingHandler : IToggleGateHandler
    {
        public int Calls { get; private set; }

        public async ValueTask OnGateClosedAsync(ToggleGateContext context)
        {
            Calls++;
            context.HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.HttpContext.Response.WriteAsync($"{context.Toggle.FullName} is {(context.RequiredState ? "off" : "on")} for {context.Subject}");
        }
    }
}
