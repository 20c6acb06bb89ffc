package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console page in a real headless chromium (Debian's {@code chromium} and {@code
 * chromium-driver}; skipped where they are not installed): an order placed through the API shows up
 * on the page without a reload. Saves the screenshot the README shows: always to {@code
 * target/console-overview.png}, and to {@code docs/console-overview.png} when the environment
 * variable {@code IDEM_UPDATE_SCREENSHOTS} is {@code true} (so that a test run leaves the
 * repository's files alone).
 */
class ConsoleBrowserIT {

  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(60);

  private static LocalCloud cloud;
  private static WebDriver browser;

  @BeforeAll
  static void start() {
    browser = TestBrowser.start();
    cloud =
        LocalCloud.start(
            TestClouds.options("ConsoleBrowserIT", new TestClouds.Console("ConsoleBrowserIT")));
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
  void overview_orderPlaced_invocationCountRisesAndInvocationListedWithoutReload()
      throws IOException {
    String placeOrder = cloud.stack().stack().function("PlaceOrderFunction").orElseThrow().name();
    browser.get(cloud.consoleUrl().orElseThrow().toString());
    WebDriverWait wait = new WebDriverWait(browser, PAGE_DEADLINE);
    By count = By.cssSelector("#functions tr[data-function='" + placeOrder + "'] td[data-col]");
    long before = wait.until(page -> Long.parseLong(page.findElement(count).getText()));

    Orders orders = new Orders(cloud);
    String orderId = orders.placed("browser-1", "c-browser", "SKU-003", 1);

    wait.until(page -> Long.parseLong(page.findElement(count).getText()) > before);
    WebElement listed =
        wait.until(page ->
            page.findElements(By.cssSelector("#invocations tbody tr")).stream()
                .filter(row -> row.getText().contains(placeOrder) && row.getText().contains("api"))
                .findFirst()
                .orElse(null));
    assertThat(listed.getText()).contains("OK").containsPattern("[0-9a-f-]{36}");
    assertThat(listed.findElement(By.tagName("time")).getAttribute("title")).startsWith("UTC 20");
    assertThat(browser.findElements(By.cssSelector("#functions thead th[scope='col']")))
        .hasSizeGreaterThan(5);

    orders.awaitStatus(orderId, Set.of("FULFILLED"));
    String updated = browser.findElement(By.id("status")).getAttribute("title");
    wait.until(page -> !page.findElement(By.id("status")).getAttribute("title").equals(updated));
    screenshot();
  }

  private static void screenshot() throws IOException {
    byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(Files.createDirectories(Path.of("target")).resolve("console-overview.png"), png);
    if ("true".equals(System.getenv("IDEM_UPDATE_SCREENSHOTS"))) {
      Files.write(TestClouds.ROOT.resolve("docs/console-overview.png"), png);
    }
  }
}
