using Linkage.Cohorts;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium;

namespace Linkage.ClusterTests.Workbench;

/// <summary>The workbench page as a person uses it: keys typed, options chosen, the count asked for with the keyboard.</summary>
public sealed class WorkbenchPage(ChromeDriver driver, Uri baseAddress)
{
    /// <summary>Where screenshots for docs/workbench.md go, when <c>LINKAGE_SCREENSHOTS=1</c> asks for them.</summary>
    public const string ScreenshotsVariable = "LINKAGE_SCREENSHOTS";

    public ChromeDriver Driver => driver;

    /// <summary>Opens the page (the cohort page unless another is named) and waits for its form (built from the OpenAPI document).</summary>
    public WorkbenchPage Open(int width = 1280, int height = 1400, string page = "workbench/")
    {
        driver.Manage().Window.Size = new System.Drawing.Size(width, height);
        driver.Navigate().GoToUrl(new Uri(baseAddress, page));
        driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            if (document.body.dataset.ready) done(); else document.addEventListener("workbench:ready", () => done(), { once: true });
            """);
        return this;
    }

    public void UseKey(string key)
    {
        var input = driver.FindElement(By.Id("api-key"));
        input.SendKeys(key + Keys.Enter);
    }

    public void Type(string path, string text)
    {
        var input = Field(path);
        input.SendKeys(Keys.Control + "a");
        input.SendKeys(Keys.Delete);
        input.SendKeys(text);
    }

    public void Choose(string path, string value) =>
        driver.FindElement(By.CssSelector($"select[data-path='{path}'] option[value='{value}']")).Click();

    /// <summary>Adds a criterion row to <c>require</c> or <c>exclude</c> with the keyboard.</summary>
    public void Add(string list) => driver.FindElement(By.CssSelector($"button[data-list='{list}']")).SendKeys(Keys.Enter);

    public void GroupBy(params string[] keys)
    {
        foreach (var key in keys) driver.FindElement(By.CssSelector($"input[name='groupBy'][value='{key}']")).SendKeys(Keys.Space);
    }

    /// <summary>Replaces the JSON box's text, as a paste would (the form follows it).</summary>
    public void PasteJson(string json)
    {
        var box = driver.FindElement(By.Id("json"));
        box.SendKeys(Keys.Control + "a");
        box.SendKeys(Keys.Delete);
        driver.ExecuteScript("""
            const box = arguments[0];
            box.value = arguments[1];
            box.dispatchEvent(new Event("input", { bubbles: true }));
            """, box, json);
    }

    public string Json => driver.FindElement(By.Id("json")).GetAttribute("value") ?? "";

    /// <summary>Presses Enter on Count and waits for the page to show the answer or the problem.</summary>
    public void Count()
    {
        driver.ExecuteScript("window.__settled = new Promise(r => document.addEventListener('workbench:settled', r, { once: true }));");
        driver.FindElement(By.Id("count")).SendKeys(Keys.Enter);
        driver.ExecuteAsyncScript("window.__settled.then(() => arguments[arguments.length - 1]());");
    }

    /// <summary>
    /// Presses Enter on a download button; the file the page offers (its name and text), caught as the page hands it to
    /// the browser, so that nothing depends on where a headless browser saves files.
    /// </summary>
    public (string Name, string Text) Download(string buttonId)
    {
        driver.ExecuteScript("""
            window.__offered = new Promise(resolve => {
              const click = HTMLAnchorElement.prototype.click;
              HTMLAnchorElement.prototype.click = function () {
                if (!this.download) return click.call(this);
                HTMLAnchorElement.prototype.click = click;
                fetch(this.href).then(r => r.text()).then(text => resolve([this.download, text]));
              };
            });
            """);
        driver.FindElement(By.Id(buttonId)).SendKeys(Keys.Enter);
        var offered = driver.ExecuteAsyncScript("window.__offered.then(arguments[arguments.length - 1]);") as IReadOnlyList<object>
            ?? throw new InvalidOperationException($"pressing #{buttonId} offered no file");
        return ((string)offered[0], (string)offered[1]);
    }

    public IWebElement Field(string path) => driver.FindElement(By.CssSelector($"[data-path='{path}']"));

    public string Total => driver.FindElement(By.Id("total")).Text;

    /// <summary>The groups table: each row's cells.</summary>
    public List<string[]> Groups() => Rows("#groups tbody tr");

    /// <summary>Each life table's label and rows.</summary>
    public List<(string Key, List<string[]> Rows)> LifeTables() =>
        [.. driver.FindElements(By.CssSelector("#life-tables table")).Select(t => (t.GetAttribute("data-key") ?? "", Rows(t, "tbody tr")))];

    public int Curves => driver.FindElements(By.CssSelector("#survival-chart svg path.curve")).Count;

    public int SuppressedBars => driver.FindElements(By.CssSelector("#group-bars svg g.bar.suppressed")).Count;

    public string Problems => driver.FindElement(By.Id("problems")).Text;

    /// <summary>The error note beside the field at <paramref name="path"/>, or null when it has none.</summary>
    public string? ErrorBeside(string path)
    {
        var ids = Field(path).GetAttribute("aria-describedby") ?? "";
        var note = ids.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(id => id.StartsWith("error-", StringComparison.Ordinal)).FirstOrDefault();
        return note is null ? null : driver.FindElement(By.Id(note)).Text;
    }

    /// <summary>The elements that reach past the window's right edge (so that the page scrolls sideways), as tag#id.class.</summary>
    public string[] WiderThanTheWindow() =>
        [.. ((IReadOnlyCollection<object>)driver.ExecuteScript("""
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll("body *")]
              .filter(e => e.getBoundingClientRect().right > width + 0.5 && e.getClientRects().length)
              .map(e => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${typeof e.className === "string" && e.className ? "." + e.className : ""} (${Math.round(e.getBoundingClientRect().right)}px)`);
            """)!).Select(o => (string)o)];

    /// <summary>Saves an element's picture to docs/workbench/<paramref name="name"/>.png when screenshots are asked for.</summary>
    public void Screenshot(string selector, string name)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) != "1") return;
        var folder = Path.Combine(Infrastructure.LocalMachine.RepositoryRoot(), "docs", "workbench");
        Directory.CreateDirectory(folder);
        driver.ExecuteScript("arguments[0].scrollIntoView();", driver.FindElement(By.CssSelector(selector)));
        ((ITakesScreenshot)driver.FindElement(By.CssSelector(selector))).GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
    }

    private List<string[]> Rows(string selector) => [.. driver.FindElements(By.CssSelector(selector)).Select(Cells)];

    private static List<string[]> Rows(IWebElement table, string selector) => [.. table.FindElements(By.CssSelector(selector)).Select(Cells)];

    private static string[] Cells(IWebElement row) => [.. row.FindElements(By.TagName("td")).Select(c => c.Text)];
}
