using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Linkage.ClusterTests.Workbench;

/// <summary>The authority's surveillance page as a person uses it: the key typed, an indicator and a tile chosen.</summary>
public sealed class SurveillancePage(ChromeDriver driver, Uri baseAddress)
{
    public SurveillancePage Open()
    {
        driver.Manage().Window.Size = new System.Drawing.Size(1280, 1300);
        driver.Navigate().GoToUrl(new Uri(baseAddress, "surveillance/"));
        WaitFor("body[data-ready]");
        return this;
    }

    public void UseKey(string key) => driver.FindElement(By.Id("api-key")).SendKeys(key + Keys.Enter);

    /// <summary>
    /// Waits until <paramref name="selector"/> matches an element of the page: checked on every change of the DOM (a
    /// MutationObserver), so the wait ends with the change that makes it true; the driver's script timeout bounds it.
    /// </summary>
    public IWebElement WaitFor(string selector)
    {
        var found = driver.ExecuteAsyncScript("""
            const [selector, done] = [arguments[0], arguments[arguments.length - 1]];
            const match = () => document.querySelector(selector);
            if (match()) return done(match());
            const observer = new MutationObserver(() => {
              if (match()) { observer.disconnect(); done(match()); }
            });
            observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
            """, selector);
        return found as IWebElement ?? throw new InvalidOperationException($"the page has no {selector}");
    }

    public void ChooseIndicator(string name) => WaitFor($"#indicators button[data-indicator='{name}']").Click();

    public void ChooseTile(string pref) => driver.FindElement(By.CssSelector($"#map g.tile[data-pref='{pref}'] rect")).Click();

    /// <summary>Each tile's prefecture, its tooltip and its colour class, read at once (the map is redrawn as series change).</summary>
    public List<(string Pref, string Title, string Class)> Tiles() =>
        [.. ((IEnumerable<object>)driver.ExecuteScript("""
            return [...document.querySelectorAll("#map g.tile")].map(t => [t.dataset.pref, t.querySelector("title").textContent, t.getAttribute("class")].join("\t"));
            """)!).Select(o => ((string)o).Split('\t')).Select(p => (p[0], p[1], p[2]))];

    /// <summary>The days marked as alarms on the series chart, with their detectors.</summary>
    public List<(string Day, string Alarm)> AlarmMarks() =>
        [.. driver.FindElements(By.CssSelector("#series circle.alarm")).Select(c => (c.GetAttribute("data-day") ?? string.Empty, c.GetAttribute("data-alarm") ?? string.Empty))];

    public void Screenshot(string path) => ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
}
