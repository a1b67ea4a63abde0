using System.IO.Compression;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using PK.Bot.Dashboard;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Dashboard;

/// <summary>
/// A test in a real headless Chromium (Debian's <c>chromium</c> and <c>chromedriver</c>, which scripts/test.sh installs).
/// Skipped on a developer machine without them; in CI (CI=true) it runs, and fails for want of the browser.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.Available && !PostgresDatabase.InCi)
            Skip = "Chromium is not installed: run scripts/test.sh (apt-get install chromium chromium-driver).";
    }
}

public static class Chromium
{
    public static string Binary => Environment.GetEnvironmentVariable("PK_CHROMIUM") ?? "/usr/bin/chromium";
    public static string Driver => Environment.GetEnvironmentVariable("PK_CHROMEDRIVER") ?? "/usr/bin/chromedriver";
    public static bool Available => File.Exists(Binary) && File.Exists(Driver);

    /// <summary>Where screenshots go: <c>PK_SCREENSHOTS</c>, else <c>screenshots/</c> beside the test assembly.</summary>
    public static string ScreenshotFolder => Directory.CreateDirectory(Environment.GetEnvironmentVariable("PK_SCREENSHOTS") is { Length: > 0 } s ? s : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static ChromeDriver Start(string downloads, int width = 1280, int height = 800)
    {
        if (!Available) throw new InvalidOperationException($"Chromium not found ({Binary}, {Driver}): scripts/test.sh installs chromium and chromium-driver.");
        var options = new ChromeOptions { BinaryLocation = Binary };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={width},{height}", "--lang=id");
        options.AddUserProfilePreference("download.default_directory", downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
    }
}

public sealed class DashboardBrowserTests
{
    [BrowserFact]
    public async Task AKoordinatorSignsInThroughTheLinkSortsDrillsDownToADesaAndDownloadsTheXlsx()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        using var downloads = new TempFolder();
        using var driver = Chromium.Start(downloads.Path);
        var wait = new OpenQA.Selenium.Support.UI.DefaultWait<IWebDriver>(driver) { Timeout = TimeSpan.FromSeconds(30) };

        driver.Navigate().GoToUrl(await world.NewLinkAsync("KoorKaranganyar"));
        driver.FindElement(By.Id("masuk")).Click();
        wait.Until(d => d.FindElements(By.Id("subareas")).Count > 0);
        Assert.Equal("Ringkasan Kabupaten Karanganyar", driver.FindElement(By.TagName("h1")).Text.Replace("Kab. ", "Kabupaten "));
        Assert.Equal("10", driver.FindElement(By.Id("total")).Text); // 9 waiting + 1 rejected
        Assert.True(((IJavaScriptExecutor)driver).ExecuteScript("return document.querySelector('figure img').naturalWidth") is long width && width > 0, "The SVG chart did not load.");

        // Sort by families, most first: Jatipuro (6) then Jatiyoso (4).
        driver.FindElement(By.CssSelector("a[data-sort='keluarga']")).Click();
        driver.FindElement(By.CssSelector("a[data-sort='keluarga']")).Click();
        wait.Until(d => d.Url.Contains("arah=turun", StringComparison.Ordinal));
        var codes = driver.FindElements(By.CssSelector("#subareas tbody tr")).Select(r => r.GetAttribute("data-code")).ToList();
        Assert.Equal(["33.13.01", "33.13.02"], codes.Take(2));

        // Drill down: kecamatan Jatipuro, then desa Ngepungsari with its kader.
        driver.FindElement(By.CssSelector("#subareas tr[data-code='33.13.01'] a")).Click();
        wait.Until(d => d.Url.EndsWith("/dasbor/wilayah/33.13.01", StringComparison.Ordinal));
        Assert.Equal("6", driver.FindElement(By.Id("total")).Text);
        driver.FindElement(By.CssSelector("#subareas tr[data-code='33.13.01.2001'] a")).Click();
        wait.Until(d => d.FindElements(By.Id("kader")).Count > 0);
        var kader = driver.FindElement(By.Id("kader")).Text;
        Assert.Contains(DashboardData.KaderLabel(world.People["Sulastri"].Id), kader);
        foreach (var secret in DashboardWorld.Secrets) Assert.DoesNotContain(secret, driver.PageSource);
        // Editing the URL to another kabupaten: refused.
        driver.Navigate().GoToUrl(world.BaseUrl + "/dasbor/wilayah/33.14");
        Assert.Contains(DashboardTexts.Forbidden, driver.FindElement(By.TagName("main")).Text);

        // Download the area's workbook and read it back.
        driver.Navigate().GoToUrl(world.BaseUrl + "/dasbor/unduh?wilayah=33.13.02");
        driver.FindElement(By.Id("xlsx")).Click();
        var file = wait.Until(_ => Directory.GetFiles(downloads.Path, "*.xlsx").SingleOrDefault(f => new FileInfo(f).Length > 0));
        Assert.Equal("pk-331302-20260414.xlsx", Path.GetFileName(file));
        using var zip = ZipFile.OpenRead(file!);
        var families = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        Assert.Equal(1 + 4, Regex.Matches(families, "<row").Count); // Wartini's 4 families in Jatiyoso
        Assert.DoesNotContain(FamilySet.KkName, families);

        // Sign out: the next page asks for a new link.
        driver.Navigate().GoToUrl(world.BaseUrl + "/dasbor");
        driver.FindElement(By.CssSelector("header form button")).Click();
        wait.Until(d => d.PageSource.Contains("sudah keluar", StringComparison.Ordinal));
        driver.Navigate().GoToUrl(world.BaseUrl + "/dasbor");
        Assert.Contains("belum masuk", driver.FindElement(By.TagName("main")).Text);
    }

    [BrowserFact]
    public async Task RingkasanScreenshotsOnAPhoneAndAnOfficePc()
    {
        var world = await DashboardWorld.StartOwnAsync();
        await using var _ = world.Bot;
        using var downloads = new TempFolder();
        foreach (var (width, height) in new[] { (360, 800), (1280, 800) })
        {
            using var driver = Chromium.Start(downloads.Path, width, height);
            driver.Navigate().GoToUrl(await world.NewLinkAsync("KoorKaranganyar"));
            driver.FindElement(By.Id("masuk")).Click();
            new OpenQA.Selenium.Support.UI.DefaultWait<IWebDriver>(driver) { Timeout = TimeSpan.FromSeconds(30) }
                .Until(d => d.FindElements(By.Id("subareas")).Count > 0);
            // The viewport itself at the phone's and the PC's size (a window's size would include the browser's own frame).
            driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
            {
                ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = width < 600,
            });
            // Nothing wider than the screen but the scrollable table: the page itself does not scroll sideways.
            var scrollWidth = (long)((IJavaScriptExecutor)driver).ExecuteScript("return document.documentElement.scrollWidth")!;
            var clientWidth = (long)((IJavaScriptExecutor)driver).ExecuteScript("return document.documentElement.clientWidth")!;
            Assert.True(scrollWidth <= clientWidth, $"At {width} px the page scrolls sideways ({scrollWidth} > {clientWidth}).");
            var path = Path.Combine(Chromium.ScreenshotFolder, $"dasbor-ringkasan-{width}x{height}.png");
            driver.GetScreenshot().SaveAsFile(path);
            Assert.True(new FileInfo(path).Length > 10_000, path);
            var png = await File.ReadAllBytesAsync(path);
            Assert.Equal(width, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
            Assert.Equal(height, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        }
    }
}
