package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.faults.FaultPlan;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's flows in a real headless chromium ({@link Browsers}): an order placed through the
 * API is followed from the overview's Recent flows to its timeline, every hop to the FULFILLED
 * write; the same POST again shows its replay; a fault injected on the path shows on the flow.
 * Saves {@code console-flow.png} (see {@link Browsers#screenshot}).
 */
class FlowBrowserIT {

  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(60);

  private static LocalCloud cloud;
  private static WebDriver browser;
  private static Orders orders;

  @BeforeAll
  static void start() {
    browser = Browsers.start();
    cloud =
        LocalCloud.start(
            TestClouds.options("FlowBrowserIT", new TestClouds.Console("FlowBrowserIT")));
    orders = new Orders(cloud);
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
  void flow_fromRecentFlowsToFulfilled_thenTheDuplicatesReplay() throws IOException {
    browser.get(cloud.consoleUrl().orElseThrow().toString());
    WebDriverWait wait = new WebDriverWait(browser, PAGE_DEADLINE);
    wait.until(page -> page.findElement(By.id("flow-search")).isDisplayed());

    String orderId = orders.placed("browser-flow", "c-browser-flow", "SKU-001", 1);
    orders.awaitStatus(orderId, Set.of("FULFILLED"));

    WebElement link =
        wait.until(page ->
            page.findElements(By.cssSelector("#flows tbody a")).stream()
                .filter(a -> a.getText().equals(orderId))
                .findFirst()
                .orElse(null));
    assertThat(link.findElement(By.xpath("../..")).getText()).contains("POST /orders → 201");
    link.click();

    wait.until(page -> page.getCurrentUrl().endsWith("/_idem/flows/" + orderId));
    WebElement fulfilled =
        wait.until(page ->
            rows(page).stream()
                .filter(row -> row.getDomAttribute("data-kind").equals("aws-call"))
                .filter(row ->
                    row.findElements(By.tagName("pre")).stream()
                        .anyMatch(pre -> pre.getDomProperty("textContent").contains("FULFILLED")))
                .findFirst()
                .orElse(null));
    assertThat(fulfilled.getText()).contains("AWS call", "UpdateItem");
    String hops = text(browser);
    assertThat(hops)
        .contains(
            "API request",
            "POST /orders",
            "first execution: the work ran — key hash",
            "Rule match",
            "Delivery",
            "External call (stub)",
            "← sqs");
    assertThat(browser.findElements(By.cssSelector("#hops thead th[scope='col']"))).hasSize(7);
    assertThat(browser.findElement(By.cssSelector("#hops time")).getDomAttribute("title"))
        .startsWith("UTC 20");

    HttpResponse<String> again = orders.place("browser-flow", "c-browser-flow", "SKU-001", 1);
    assertThat(again.statusCode()).isEqualTo(201);
    wait.until(page -> text(page).matches("(?s).*Idempotency: (replay|cache hit): .*"));
    assertThat(text(browser)).doesNotContain("browser-flow");

    // The invocation behind a hop: its payload and log lines.
    WebElement invocation =
        browser.findElement(By.cssSelector("#hops tr[data-kind='invocation'] td.id a"));
    browser.get(invocation.getAttribute("href"));
    wait.until(page -> !page.findElement(By.id("invocation-payload")).getText().isEmpty());
    assertThat(browser.findElement(By.id("invocation-payload")).getText()).contains("[redacted]");
    assertThat(browser.findElement(By.id("invocation-facts")).getText())
        .contains("api POST /orders");

    browser.get(cloud.consoleUrl().orElseThrow().resolve("flows/" + orderId).toString());
    wait.until(page -> text(page).contains("Idempotency: "));
    Browsers.screenshot(browser, "console-flow");
  }

  @Test
  void flow_faultOnThePath_shownWithTheRetryAfterIt() {
    cloud
        .faults()
        .replace(
            FaultPlan.parse(
                    "[{\"kind\":\"aws-error\",\"service\":\"events\",\"operation\":\"PutEvents\","
                        + "\"limit\":1}]")
                .rules());
    try {
      String orderId = orders.placed("browser-fault", "c-browser-fault", "SKU-002", 1);
      orders.awaitStatus(orderId, Set.of("FULFILLED"));
      browser.get(cloud.consoleUrl().orElseThrow().toString());
      WebDriverWait wait = new WebDriverWait(browser, PAGE_DEADLINE);
      WebElement search = wait.until(page -> page.findElement(By.id("flow-search")));
      search.sendKeys(orderId, Keys.ENTER);

      wait.until(page -> page.getCurrentUrl().endsWith("/_idem/flows/" + orderId));
      WebElement fault =
          wait.until(page ->
              rows(page).stream()
                  .filter(row -> row.getDomAttribute("data-kind").equals("fault"))
                  .findFirst()
                  .orElse(null));
      assertThat(fault.getText()).contains("Fault injected", "aws-error", "operation=PutEvents");
      assertThat(browser.findElement(By.id("flow-summary")).getText())
          .contains("1 faults injected");
      List<WebElement> rows = rows(browser);
      int at = rows.indexOf(fault);
      assertThat(rows.get(at - 1).getText()).contains("PutEvents", "ServiceUnavailable");
      assertThat(rows.subList(at + 1, rows.size()))
          .anySatisfy(row -> assertThat(row.getText()).contains("PutEvents").contains("ok"));
    } finally {
      cloud.faults().replace(List.of());
    }
  }

  private static List<WebElement> rows(WebDriver page) {
    return page.findElements(By.cssSelector("#hops tbody tr"));
  }

  private static String text(WebDriver page) {
    return page.findElement(By.id("hops")).getText();
  }
}
