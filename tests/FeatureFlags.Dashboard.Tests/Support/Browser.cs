using FeatureFlags.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>
/// One headless Chromium for the whole test run: Debian's <c>chromium</c> package driven by Playwright (Playwright's
/// own browser download cannot be reached from these machines). Without a browser the tests fail and say how to get one.
/// </summary>
[SetUpFixture]
public sealed class Browser
{
    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;

    public static IBrowser Instance => s_browser ?? throw new InvalidOperationException("The browser did not start; see the set-up failure.");

    /// <summary>Gets the folder the screenshots are written to.</summary>
    public static string Screenshots { get; } = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var executable = FindChromium() ?? await InstallChromiumAsync() ?? throw new InvalidOperationException(
            "No Chromium found for the dashboard's browser tests. Install Debian's package (apt-get update && apt-get install -y chromium), " +
            "or set CHROMIUM_PATH to a Chromium or Chrome executable. `bash .ci/run` installs it when it is missing.");
        Directory.CreateDirectory(Screenshots);
        s_playwright = await Playwright.CreateAsync();
        s_browser = await s_playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (s_browser is not null)
        {
            await s_browser.DisposeAsync();
        }

        s_playwright?.Dispose();
    }

    /// <summary>Opens a browser context whose every request signs in as <paramref name="user"/> with <paramref name="roles"/>.</summary>
    public static async Task<IPage> OpenAsync(DashboardApp app, string user, params string[] roles)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string>
            {
                [FeatureFlags.AspNetCore.Tests.Support.TestAuthHandler.UserHeader] = user,
                [FeatureFlags.AspNetCore.Tests.Support.TestAuthHandler.RolesHeader] = string.Join(',', roles),
            },
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Writes a full-page screenshot to the screenshots folder and attaches it to the test.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
    }

    /// <summary>
    /// Installs Debian's chromium package when the tests run as root on a machine with apt-get (a fresh CI or developer
    /// machine), so that the README's one test command needs no set-up step of its own.
    /// </summary>
    private static async Task<string?> InstallChromiumAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            return null;
        }

        TestContext.Progress.WriteLine("Chromium is missing: installing Debian's chromium package for the dashboard's browser tests...");
        var install = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await install.WaitForExitAsync(timeout.Token);
        if (install.ExitCode != 0)
        {
            TestContext.Progress.WriteLine($"apt-get failed ({install.ExitCode}): {await errors}{await output}");
        }

        return FindChromium();
    }

    private static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
