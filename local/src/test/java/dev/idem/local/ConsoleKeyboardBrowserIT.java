package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console by keyboard alone, in a real headless chromium, on a cloud of one queue and one
 * table: every Tab stop is a link, button or field with a visible focus, the skip link comes first,
 * and the shortcuts ({@code g o}, {@code g f}, {@code /}, {@code p}, {@code ?}) act, except while
 * typing in a field.
 */
class ConsoleKeyboardBrowserIT {

  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);
  private static final int MOST_TAB_STOPS = 60;

  @TempDir static Path project;

  private static LocalCloud cloud;
  private static ChromeDriver browser;
  private static URI console;

  @BeforeAll
  static void start() {
    browser = Browsers.start();
    cloud =
        LocalCloud.start(
            TestClouds.resourcesOnly(
                project,
                "ConsoleKeyboardBrowserIT",
                """
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  KeysQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: keys-queue
                  KeysTable:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: keys-table
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                """));
    console = cloud.consoleUrl().orElseThrow();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void tab_everyStopALinkButtonOrFieldWithVisibleFocus_skipLinkFirst() {
    open("fault-injection");
    assertThat(
            browser.executeScript(
                "return document.querySelectorAll('[onclick], div[tabindex], span[tabindex],"
                    + " td[tabindex], tr[tabindex], [role=\"button\"]:not(button)').length"))
        .isEqualTo(0L);

    List<String> stops = new ArrayList<>();
    for (int i = 0; i < MOST_TAB_STOPS; i++) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
      WebElement focused = browser.switchTo().activeElement();
      String tag = focused.getTagName();
      if (tag.equals("body") || (!stops.isEmpty() && stops.getFirst().equals(describe(focused)))) {
        break;
      }
      assertThat(tag).as(describe(focused)).isIn("a", "button", "input", "textarea", "summary");
      assertThat(focused.getCssValue("outline-style")).as(describe(focused)).isNotEqualTo("none");
      assertThat(focused.getCssValue("outline-width")).as(describe(focused)).isNotEqualTo("0px");
      stops.add(describe(focused));
    }

    assertThat(stops.getFirst()).isEqualTo("a Skip to content");
    assertThat(stops)
        .contains(
            "a Overview",
            "a Faults",
            "button#pause Pause updates",
            "summary Keyboard shortcuts",
            "textarea#fault-rules",
            "button#fault-apply Apply",
            "button#fault-clear Clear");
  }

  @Test
  void skipLink_enter_focusMovesToTheContent() {
    open("");

    new Actions(browser).sendKeys(Keys.TAB).perform();
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
    new Actions(browser).sendKeys(Keys.ENTER).perform();

    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("view");
  }

  @Test
  void shortcuts_goToFaultsAndBack_pauseAndResume_listShownAndHidden() {
    open("");
    WebDriverWait wait = new WebDriverWait(browser, PAGE_DEADLINE);

    keys("g", "f");
    wait.until(p -> p.getCurrentUrl().endsWith("/_idem/fault-injection"));
    wait.until(p -> p.getTitle().startsWith("Faults"));
    keys("g", "o");
    wait.until(p -> p.getCurrentUrl().endsWith("/_idem/"));
    wait.until(p -> p.getTitle().startsWith("Overview"));

    WebElement pause = browser.findElement(By.id("pause"));
    keys("p");
    assertThat(pause.getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(pause.getText()).isEqualTo("Resume updates");
    // Not overwritten by a refresh that was under way when the key came.
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Paused");
    keys("p");
    assertThat(pause.getAttribute("aria-pressed")).isEqualTo("false");

    WebElement list = browser.findElement(By.id("shortcuts"));
    assertThat(list.getAttribute("open")).isNull();
    keys("?");
    assertThat(list.getAttribute("open")).isNotNull();
    assertThat(list.getText()).contains("g then o", "g then f", "p", "Pause or resume");
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Keyboard shortcuts");
    keys(Keys.ESCAPE);
    assertThat(list.getAttribute("open")).isNull();
  }

  @Test
  void shortcuts_typedIntoAField_stayInTheField() {
    open("fault-injection");
    WebElement rules = browser.findElement(By.id("fault-rules"));
    rules.click();

    keys("g", "o", "p", "?", "/");

    assertThat(rules.getAttribute("value")).isEqualTo("gop?/");
    assertThat(browser.getCurrentUrl()).endsWith("/_idem/fault-injection");
    assertThat(browser.findElement(By.id("pause")).getAttribute("aria-pressed")).isEqualTo("false");
    assertThat(browser.findElement(By.id("shortcuts")).getAttribute("open")).isNull();
  }

  @Test
  void slash_focusesTheFlowSearchBoxWhereThePageHasOne() {
    open("fault-injection");
    keys("/");
    assertThat(browser.switchTo().activeElement().getTagName()).isEqualTo("body");

    open("");
    // The overview's flow search box, as the flows view adds it (added here when it is not there).
    browser.executeScript(
        "if (!document.getElementById('flow-search')) {"
            + " const box = document.createElement('input'); box.id = 'flow-search';"
            + " document.getElementById('view').prepend(box); }");
    keys("/");

    WebElement focused = browser.switchTo().activeElement();
    assertThat(focused.getAttribute("id")).isEqualTo("flow-search");
    assertThat(focused.getAttribute("value")).as("the / itself is not typed").isEmpty();
  }

  /** Opens a console page and waits until its view has been drawn once. */
  private static void open(String path) {
    browser.get(console.resolve(path).toString());
    new WebDriverWait(browser, PAGE_DEADLINE)
        .until(p -> p.findElement(By.id("status")).getText().startsWith("Live"));
  }

  private static void keys(CharSequence... keys) {
    Actions actions = new Actions(browser);
    for (CharSequence key : keys) {
      actions.sendKeys(key);
    }
    actions.perform();
  }

  private static String describe(WebElement element) {
    String id = element.getAttribute("id");
    String text = element.getText().strip();
    return element.getTagName()
        + (id == null || id.isEmpty() ? "" : "#" + id)
        + (text.isEmpty() ? "" : " " + text);
  }
}
