using OpenQA.Selenium.Chrome;

namespace Linkage.ClusterTests.Workbench;

/// <summary>Debian's Chromium and chromedriver (installed by infra/tools), headless, with a fresh profile that reaches nothing on its own.</summary>
public sealed class HeadlessChromium : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    private readonly string _profile;

    private HeadlessChromium(ChromeDriver driver, string profile)
    {
        Driver = driver;
        _profile = profile;
    }

    public ChromeDriver Driver { get; }

    public static HeadlessChromium Start()
    {
        foreach (var file in new[] { Chromium, ChromeDriver })
        {
            if (!File.Exists(file)) throw new InvalidOperationException($"{file} is missing: run infra/tools, which installs Debian's chromium and chromium-driver");
        }

        var profile = Directory.CreateTempSubdirectory("linkage-chromium-").FullName;
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1400", $"--user-data-dir={profile}");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
        return new HeadlessChromium(driver, profile);
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of its profile; it is a temporary folder.
        }
    }
}
