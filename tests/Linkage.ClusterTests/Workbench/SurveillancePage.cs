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

    public void ChooseIndicator(string name) => Click(WaitForSelector($"#indicators button[data-indicator='{name}']"));

    public void ChooseTile(string pref) => Click($"#map g.tile[data-pref='{pref}'] rect");

    /// <summary>Clicks what <paramref name="selector"/> finds in the same script (the page redraws lists and charts as data comes, so a found element may be replaced before a separate click).</summary>
    private void Click(string selector) =>
        driver.ExecuteScript("document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('click', { bubbles: true }));", selector);

    private string WaitForSelector(string selector)
    {
        WaitFor(selector);
        return selector;
    }

    /// <summary>Each tile's prefecture, its tooltip and its colour class, read at once (the map is redrawn as series change).</summary>
    public List<(string Pref, string Title, string Class)> Tiles() =>
        [.. ((IEnumerable<object>)driver.ExecuteScript("""
            return [...document.querySelectorAll("#map g.tile")].map(t => [t.dataset.pref, t.querySelector("title").textContent, t.getAttribute("class")].join("\t"));
            """)!).Select(o => ((string)o).Split('\t')).Select(p => (p[0], p[1], p[2]))];

    /// <summary>The days marked as alarms on the series chart, with their detectors.</summary>
    public List<(string Day, string Alarm)> AlarmMarks() =>
        [.. ((IEnumerable<object>)driver.ExecuteScript("""
            return [...document.querySelectorAll("#series circle.alarm")].map(c => c.dataset.day + "\t" + c.dataset.alarm);
            """)!).Select(o => ((string)o).Split('\t')).Select(p => (p[0], p[1]))];

    public void Screenshot(string path) => ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
}
