using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Administration;

/// <summary>The admin API writes custom rules in the flag body; the sample registers the <c>plan</c> rule.</summary>
public sealed class AdminCustomRuleTests : SampleAppTest
{
    private const string Admin = "toggle-admin";
    private const string Recommendations = "/admin/toggles/storefront.personal_recommendations";

    [Test]
    public async Task FlagBody_WithACustomRule_IsStored_ReadBack_AndEvaluated()
    {
        var body = new { rules = new { customRules = new[] { new { name = "plan", parameters = new { plans = new[] { "pro" } } } } }, reason = "pro customers first" };

        var response = await Client.SendAsync(Http.Write(HttpMethod.Put, Recommendations + "/flag", body, "\"0\"", "ada", Admin));
        var read = await (await Client.SendAsync(Http.Get(Recommendations, "ada", Admin))).JsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var stored = read.GetProperty("value").GetProperty("rules")[0];
        Assert.That(stored.GetProperty("name").GetString(), Is.EqualTo("plan"));
        Assert.That(stored.GetProperty("parameters").GetRawText(), Is.EqualTo("{\"plans\":[\"pro\"]}"));
        var pro = new ToggleContext { UserId = "u", Attributes = new Dictionary<string, string> { ["plan"] = "Pro" } };
        Assert.That(App.Toggles.Explain(StorefrontToggles.PersonalRecommendations, pro).Reason, Is.EqualTo(ToggleReason.CustomRule));
    }

    [TestCase("{\"rules\":{\"customRules\":[{\"name\":\"plan\",\"parameters\":{\"plans\":[]}}]}}", "refused its parameters {\\\"plans\\\":[]}: expected")]
    [TestCase("{\"rules\":{\"customRules\":[{\"name\":\"plann\",\"parameters\":{\"plans\":[\"pro\"]}}]}}", "did you mean plan?")]
    [TestCase("{\"rules\":{\"customRules\":[{\"name\":\"plan\",\"params\":{}}]}}", "params")]
    public async Task FlagBody_BadCustomRule_Is400WithTheRulesMessage_AndNothingIsStored(string body, string mentions)
    {
        using var request = Http.Write(HttpMethod.Put, Recommendations + "/flag", null, "\"0\"", "ada", Admin);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(mentions));
        Assert.That(await App.Services.GetRequiredService<IToggleStore>().GetAsync(StorefrontToggles.PersonalRecommendations.FullName), Is.Null);
    }
}
