using FeatureFlags;
using FeatureFlags.Samples.Console;
using Microsoft.Extensions.DependencyInjection;

// 1. Register the toggle services, declare the toggles (found by scanning this assembly) and keep their state in a
//    SQLite file next to where the sample runs: zero set-up, and state survives between runs.
var databasePath = Path.GetFullPath(args.Length > 0 ? args[0] : "featureflags-sample.db");
var services = new ServiceCollection();
services.AddFeatureToggles()
    .AddTogglesFromAssemblyContaining(typeof(CheckoutToggles))
    .UseSqlite($"Data Source={databasePath}");
await using var provider = services.BuildServiceProvider();

var toggles = provider.GetRequiredService<IToggles>();
var admin = provider.GetRequiredService<IToggleAdmin>();
var registry = provider.GetRequiredService<IToggleRegistry>();

Console.WriteLine("Declared toggles:");
foreach (var toggle in registry.Toggles)
{
    Console.WriteLine($"  {toggle.FullName,-36} {toggle.Kind,-10} {toggle.Metadata.Description}");
}

// 2. State persists: each run flips checkout.new_cart, so the next run starts from what this one left.
Console.WriteLine();
Console.WriteLine($"Toggle state is kept in {databasePath}");
var atStart = toggles.Explain(CheckoutToggles.NewCart);
Console.WriteLine($"At start: {atStart}");
var operatorActor = new ToggleActor("sample-operator", "enterprise-admins");
await admin.SetAsync(CheckoutToggles.NewCart, !atStart.IsEnabled, operatorActor, "flipped by the sample");
Console.WriteLine($"Flipped:  {toggles.Explain(CheckoutToggles.NewCart)}  (run the sample again to see it persisted)");

// 3. Change state the way an operator would: every change names an actor and a reason, and is audited.
await admin.SetAsync(CheckoutToggles.OneClickPay, new FlagRules { Percent = 30, Groups = ["beta-testers"], Staff = true }, operatorActor, "30 % rollout");
await admin.SetAsync(CoursewareToggles.NewOutline, new FlagRules { Everyone = false }, operatorActor, "off until the pilot");
await admin.SetOrganizationOverrideAsync(CoursewareToggles.NewOutline, "Acme", true, operatorActor, "Acme pilots the outline");
await admin.SetCourseOverrideAsync(CoursewareToggles.NewOutline, "course-v1:Acme+LAW101+2026", false, operatorActor, "instructor opted out");
await admin.SetOrganizationOverrideAsync(CoursewareToggles.EnterpriseReports, "globex", true, operatorActor, "pilot customer");

// 4. Ask why each toggle is on or off for a few people, courses and organisations.
ToggleContext[] people =
[
    new() { UserId = "ada", IsAuthenticated = true },
    new() { UserId = "grace", IsAuthenticated = true, Groups = ["beta-testers"] },
    new() { UserId = "linus", IsAuthenticated = true, IsStaff = true },
    new() { AnonymousId = "visitor-cookie-42" },
];

Console.WriteLine();
Console.WriteLine("Per user:");
foreach (var person in people)
{
    using var scope = toggles.BeginScope(person);
    Console.WriteLine($"  {person.UserId ?? person.AnonymousId}");
    Console.WriteLine($"    {toggles.Explain(CheckoutToggles.NewCart)}");
    Console.WriteLine($"    {toggles.Explain(CheckoutToggles.OneClickPay)}");
}

Console.WriteLine();
Console.WriteLine("Per course:");
foreach (var course in new[] { "course-v1:Acme+CS101+2026", "course-v1:Acme+LAW101+2026", "course-v1:Initech+CS101+2026" })
{
    Console.WriteLine($"  {toggles.Explain(CoursewareToggles.NewOutline, course)}");
}

Console.WriteLine();
Console.WriteLine("Per organisation:");
foreach (var org in new[] { "globex", "initech" })
{
    Console.WriteLine($"  {org}: {toggles.Explain(CoursewareToggles.EnterpriseReports, org)}");
}

// 5. Tests and tools can force a value for the current async flow only.
using (toggles.Override(CheckoutToggles.NewCart, false))
{
    Console.WriteLine();
    Console.WriteLine($"Inside an override scope: {toggles.Explain(CheckoutToggles.NewCart)}");
}

Console.WriteLine();
Console.WriteLine("Audit of checkout.new_cart, across runs:");
foreach (var entry in await admin.GetHistoryAsync(CheckoutToggles.NewCart.FullName))
{
    Console.WriteLine($"  {entry.At:u} {entry.Actor} {entry.Action} {entry.Key}: {entry.Reason}");
}

// 6. Toggle debt: the report (also as JSON or CSV) and lint findings, the way an operator or CI would see them.
var reporter = provider.GetRequiredService<IToggleReporter>();
var report = await reporter.CreateReportAsync();
Console.WriteLine();
Console.WriteLine("Report (status and current settings):");
foreach (var entry in report.Entries)
{
    Console.WriteLine($"  {entry.Name,-32} {entry.Status,-5} {entry.CurrentSettings}");
}

Console.WriteLine();
Console.WriteLine("Lint:");
foreach (var finding in await reporter.LintAsync())
{
    Console.WriteLine($"  {finding}");
}
