package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console page in a real headless chromium ({@link Browsers}): an order placed through the API
 * shows up on the page without a reload. Saves the screenshot the README shows ({@code
 * console-overview.png}, see {@link Browsers#screenshot}).
 */
class ConsoleBrowserIT {

  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(60);

  private static LocalCloud cloud;
  private static WebDriver browser;

  @BeforeAll
  static void start() {
    browser = Browsers.start();
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
    Browsers.screenshot(browser, "console-overview");
  }

  @Test
  void dlqPage_openedFromOverview_peekShowsMessage_redriveSendsItBackToItsConsumer()
      throws IOException {
    Orders orders = new Orders(cloud);
    String dlqUrl = orders.queueUrl("PaymentsDLQ");
    String dlq = dlqUrl.substring(dlqUrl.lastIndexOf('/') + 1);
    String capturePayment = orders.function("CapturePayment");
    cloud.clients().sqs().sendMessage(r -> r.queueUrl(dlqUrl).messageBody("browser-poison"));
    browser.get(cloud.consoleUrl().orElseThrow().toString());
    WebDriverWait wait = new WebDriverWait(browser, PAGE_DEADLINE);

    wait.until(page -> page.findElement(By.linkText(dlq))).click();
    WebElement peeked =
        wait.until(page ->
            page.findElements(By.cssSelector("#queue-messages tbody tr")).stream()
                .filter(row -> row.getText().contains("browser-poison"))
                .findFirst()
                .orElse(null));
    assertThat(browser.getCurrentUrl()).endsWith("/_idem/queues/" + dlq);
    Browsers.screenshot(browser, "console-queue");
    assertThat(peeked.getText()).contains("visible");
    assertThat(peeked.findElements(By.tagName("td")).get(3).getText()).isEqualTo("0");
    long consumed = orders.invocations(capturePayment);

    browser.findElement(By.id("redrive")).click();

    wait.until(page ->
        page.findElement(By.id("queue-redrive-status")).getText().startsWith("Redrive started"));
    wait.until(page ->
        page.findElements(By.cssSelector("#queue-messages tbody tr")).stream()
            .noneMatch(row -> row.getText().contains("browser-poison")));
    wait.until(page ->
        page.findElements(By.cssSelector("#queue-move-tasks tbody tr")).stream()
            .anyMatch(row -> row.getText().contains("COMPLETED")));
    wait.until(page -> orders.invocations(capturePayment) > consumed);
    // Its consumer rejects it: it waits in its source queue, in flight, received once more.
    String source = orders.queueUrl("PaymentsQueue");
    browser.findElement(By.linkText(source.substring(source.lastIndexOf('/') + 1))).click();
    WebElement back =
        wait.until(page ->
            page.findElements(By.cssSelector("#queue-messages tbody tr")).stream()
                .filter(row -> row.getText().contains("browser-poison"))
                .findFirst()
                .orElse(null));
    assertThat(back.getText()).contains("in flight");
  }

  @Test
  void tablePage_openedFromOverview_showsKeyStreamPositionAndLooksAnItemUp() throws IOException {
    Orders orders = new Orders(cloud);
    String table = orders.tableName("OrdersTable");
    String orderId = orders.placed("browser-table", "c-browser", "SKU-004", 1);
    orders.awaitStatus(orderId, Set.of("FULFILLED"));
    browser.get(cloud.consoleUrl().orElseThrow().toString());
    WebDriverWait wait = new WebDriverWait(browser, PAGE_DEADLINE);

    wait.until(page -> page.findElement(By.linkText(table))).click();
    wait.until(page ->
        page.findElement(By.cssSelector("#table-keys tbody tr")).getText().contains("orderId"));
    wait.until(page -> page.findElement(By.id("table-items")).getText().contains(orderId));
    wait.until(page ->
        page.findElements(By.cssSelector("#table-shards tbody tr")).stream()
            .anyMatch(row -> row.getText().endsWith(" 0") && !row.getText().contains("none yet")));
    browser.findElement(By.id("key-orderId")).sendKeys(orderId);
    browser.findElement(By.id("lookup")).click();

    wait.until(page ->
        page.findElement(By.id("lookup-result")).getText().contains("\"status\": \"FULFILLED\""));
    assertThat(browser.findElement(By.id("table-stream")).getText()).contains("NEW_AND_OLD_IMAGES");
    Browsers.screenshot(browser, "console-table");
  }
}
