package sovereign.munin.keep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does on console pages, for the browser tests: sign in and out, type, click and follow links.
 * Every click that loads a page waits until the new page has replaced the old one, so a slow machine never reads
 * the page it just left.
 */
final class ConsolePages {

  static final Duration WAIT = Duration.ofSeconds(30);

  private final ChromeDriver browser;
  private final String origin;

  ConsolePages(ChromeDriver browser, String origin) {
    this.browser = browser;
    this.origin = origin;
  }

  void signIn(String name, String password, String code) {
    browser.get(origin + "/console/auth/login");
    type("#login-form input[name=name]", name);
    type("#login-form input[name=password]", password);
    if (code != null) {
      type("#login-form input[name=code]", code);
    }
    click("#login-form button");
  }

  void signOut() {
    browser.get(origin + "/console");
    click("#logout-form button");
    assertThat(text("#notice")).contains("signed out");
  }

  String path() {
    return java.net.URI.create(browser.getCurrentUrl()).getPath();
  }

  String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText().strip();
  }

  void type(String css, String value) {
    browser.findElement(By.cssSelector(css)).sendKeys(value);
  }

  /** Clicks a button or link that loads another page, and waits until that page has replaced this one. */
  void click(String css) {
    navigating(() -> browser.findElement(By.cssSelector(css)).click());
  }

  void follow(String linkText) {
    navigating(() -> browser.findElement(By.linkText(linkText)).click());
  }

  /** Waits until the element is shown (a script un-hides it), and returns its text. */
  String shown(String css) {
    new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.cssSelector(css)).isDisplayed());
    return text(css);
  }

  /**
   * Whether the old page's element is gone. Chromium sometimes answers a lookup of a node from an unloaded page with
   * an inspector error instead of a stale-element error; both mean the page was replaced.
   */
  private static boolean replaced(WebElement before) {
    try {
      before.getTagName();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("does not belong to the document") || m.contains("No node with given id")) {
        return true;
      }
      throw e;
    }
  }

  void navigating(Runnable action) {
    WebElement before = browser.findElement(By.tagName("html"));
    action.run();
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.until(d -> replaced(before));
    wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }
}
