using OpenQA.Selenium;

namespace Linkage.ClusterTests.Workbench;

/// <summary>The workbench's drug-safety tab as a person uses it: the tab chosen, fields typed, the analysis asked for with the keyboard.</summary>
public sealed class SafetyTab(WorkbenchPage page)
{
    private IWebDriver Driver => page.Driver;

    /// <summary>Chooses the tab with the keyboard (Enter on its button).</summary>
    public SafetyTab Open()
    {
        Driver.FindElement(By.Id("tab-safety")).SendKeys(Keys.Enter);
        return this;
    }

    public bool Shown => Driver.FindElement(By.Id("safety-tab")).Displayed;

    /// <summary>Types into the field at <paramref name="path"/> of the safety form.</summary>
    public void Type(string path, string text)
    {
        var input = Field(path);
        input.SendKeys(Keys.Control + "a");
        input.SendKeys(Keys.Delete);
        input.SendKeys(text);
    }

    public void Choose(string path, string value) =>
        Driver.FindElement(By.CssSelector($"#ssa select[data-path='{path}'] option[value='{value}']")).Click();

    /// <summary>Chooses one marker code ("pair") or a screening ("screen").</summary>
    public void MarkerMode(string mode) => Driver.FindElement(By.CssSelector($"#ssa input[name='marker-mode'][value='{mode}']")).SendKeys(Keys.Space);

    /// <summary>Chooses the code a screening screens (codeLength, drugLength) and its length.</summary>
    public void Screen(string kind, string field, int length)
    {
        MarkerMode("screen");
        Choose("screen.kind", kind);
        Choose("screen.field", field);
        Type("screen.length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public string Json => Driver.FindElement(By.Id("ssa-json")).Text;

    /// <summary>Presses Enter on Analyse and waits for the page to show the answer or the problem.</summary>
    public void Analyse()
    {
        page.Driver.ExecuteScript("window.__settled = new Promise(r => document.addEventListener('workbench:settled', r, { once: true }));");
        Driver.FindElement(By.Id("ssa-run")).SendKeys(Keys.Enter);
        page.Driver.ExecuteAsyncScript("window.__settled.then(() => arguments[arguments.length - 1]());");
    }

    public string Problems => Driver.FindElement(By.Id("ssa-problems")).Text;

    /// <summary>The attrition table: step and count as shown.</summary>
    public List<string[]> Attrition() => Rows("#ssa-attrition tbody tr[data-step]");

    /// <summary>The pair's values as shown, by answer field (nAB, csr, ...).</summary>
    public Dictionary<string, string> Ratios() =>
        Driver.FindElements(By.CssSelector("#ssa-ratios tbody tr")).ToDictionary(r => r.GetAttribute("data-field") ?? "", r => r.FindElement(By.TagName("td")).Text);

    /// <summary>The screening table's column names and rows.</summary>
    public string[] ScreeningColumns() => [.. Driver.FindElements(By.CssSelector("#ssa-rows thead th")).Select(c => c.Text)];

    public List<string[]> ScreeningRows() => Rows("#ssa-rows tbody tr[data-code]");

    /// <summary>The histogram's columns: each bin's first and last day and its count ("" when suppressed).</summary>
    public List<(int From, int To, string Count)> Bins() =>
        [.. Driver.FindElements(By.CssSelector("#ssa-days svg g.bin")).Select(g => (
            int.Parse(g.GetAttribute("data-from")!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(g.GetAttribute("data-to")!, System.Globalization.CultureInfo.InvariantCulture),
            g.GetAttribute("data-count") ?? ""))];

    public int SuppressedBins => Driver.FindElements(By.CssSelector("#ssa-days svg g.bin.suppressed")).Count;

    public string DaysNote => Driver.FindElement(By.Id("ssa-days-note")).Text;

    public bool HistogramShown => Driver.FindElement(By.Id("ssa-days-block")).Displayed;

    public string Screened => Driver.FindElement(By.Id("ssa-screened")).Text;

    private IWebElement Field(string path) => Driver.FindElement(By.CssSelector($"#ssa [data-path='{path}']"));

    private List<string[]> Rows(string selector) =>
        [.. Driver.FindElements(By.CssSelector(selector)).Select(r => r.FindElements(By.TagName("td")).Select(c => c.Text).ToArray())];
}
