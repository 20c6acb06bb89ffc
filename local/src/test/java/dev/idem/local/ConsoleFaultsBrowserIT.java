package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The faults page ({@code /_idem/fault-injection}) in a real headless chromium, on the repository's
 * template: a rule set typed into the page and applied is the fault API's rules in force, its fault
 * shows in the log once an order meets it, Clear removes the rules, and a bad rule set shows the
 * API's message and changes nothing.
 */
class ConsoleFaultsBrowserIT {

  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(60);

  private static LocalCloud cloud;
  private static ChromeDriver browser;
  private static URI faults;
  private static URI page;

  @BeforeAll
  static void start() {
    browser = Browsers.start();
    cloud =
        LocalCloud.start(
            TestClouds.options(
                "ConsoleFaultsBrowserIT", new TestClouds.Console("ConsoleFaultsBrowserIT")));
    faults = cloud.awsEndpoint().resolve("/_idem/faults");
    page = cloud.consoleUrl().orElseThrow().resolve("fault-injection");
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

  @BeforeEach
  void noRules() {
    assertThat(replaceRules("[]").statusCode()).isEqualTo(200);
  }

  @Test
  void applyFromThePage_ruleInForceAndItsFaultInTheLog_thenClear() throws IOException {
    String placeOrder = cloud.stack().stack().function("PlaceOrderFunction").orElseThrow().name();
    browser.get(page.toString());
    WebDriverWait wait = new WebDriverWait(browser, PAGE_DEADLINE);
    wait.until(p -> p.findElement(By.id("rules-summary")).getText().startsWith("No Idem rules"));
    assertThat(browser.getTitle()).startsWith("Faults");
    assertThat(browser.findElement(By.cssSelector("#nav a[aria-current='page']")).getText())
        .isEqualTo("Faults");

    WebElement rules = browser.findElement(By.id("fault-rules"));
    rules.sendKeys(
        "[{\"name\": \"page-latency\", \"kind\": \"aws-latency\", \"function\": \""
            + placeOrder
            + "\", \"latencyMs\": 1, \"limit\": 1}]");
    browser.findElement(By.id("fault-apply")).click();

    wait.until(p -> p.findElement(By.id("fault-result")).getText().startsWith("Applied: 1 rule"));
    WebElement inForce = browser.findElement(By.cssSelector("#fault-rules-table tbody tr"));
    assertThat(inForce.getText()).contains("page-latency", "aws-latency", "function=" + placeOrder);
    JsonNode api = Http.json(Http.get(faults).body());
    assertThat(api).hasSize(1);
    assertThat(api.get(0).path("name").asText()).isEqualTo("page-latency");

    new Orders(cloud).placed("faults-page-1", "c-faults-page", "SKU-001", 1);
    WebElement logged =
        wait.until(p -> {
          List<WebElement> rows = p.findElements(By.cssSelector("#fault-log tbody tr"));
          return rows.isEmpty() ? null : rows.getFirst();
        });
    assertThat(logged.getText()).contains("aws-latency", "page-latency", "function=" + placeOrder);
    assertThat(logged.findElement(By.tagName("time")).getAttribute("title")).startsWith("UTC 20");
    wait.until(p -> p.findElement(By.id("fault-by-rule")).getText().contains("page-latency 1"));
    assertThat(browser.findElement(By.id("fault-kinds")).getText()).contains("aws-latency 1");
    Files.write(
        Files.createDirectories(Path.of("target")).resolve("console-faults.png"),
        browser.getScreenshotAs(OutputType.BYTES));

    browser.findElement(By.id("fault-clear")).click();

    wait.until(
        p -> p.findElement(By.id("fault-result")).getText().equals("Cleared: 0 rules in force."));
    wait.until(p -> p.findElement(By.id("rules-summary")).getText().startsWith("No Idem rules"));
    assertThat(browser.findElements(By.cssSelector("#fault-rules-table tbody tr"))).isEmpty();
    assertThat(Http.json(Http.get(faults).body())).isEmpty();
    // The log outlives the rules that wrote it.
    assertThat(browser.findElement(By.cssSelector("#fault-log tbody tr")).getText())
        .contains("page-latency");

    // Its request id opens the flow the fault struck, with the fault in its place.
    WebElement requestId =
        browser.findElement(By.cssSelector("#fault-log tbody tr td:last-child a"));
    String id = requestId.getText();
    assertThat(requestId.getAttribute("href")).endsWith("/_idem/flows/" + id);
    requestId.click();
    wait.until(p -> p.findElement(By.tagName("main")).getText().contains("Fault injected"));
    assertThat(browser.getCurrentUrl()).endsWith("/_idem/flows/" + id);
  }

  @Test
  void applyBadRuleSet_apisMessageShownRulesKeptInTheTextAndNothingChanged() {
    String kept = "[{\"name\": \"kept\", \"kind\": \"sqs-duplicate\", \"probability\": 0}]";
    assertThat(replaceRules(kept).statusCode()).isEqualTo(200);
    browser.get(page.toString());
    WebDriverWait wait = new WebDriverWait(browser, PAGE_DEADLINE);
    WebElement rules = browser.findElement(By.id("fault-rules"));
    // The rules in force are the text to start from.
    wait.until(p -> rules.getAttribute("value").contains("\"kept\""));
    String bad = "[{\"kind\": \"aws-error\", \"color\": \"red\"}]";
    rules.clear();
    rules.sendKeys(bad);

    browser.findElement(By.id("fault-apply")).click();

    WebElement result =
        wait.until(p -> {
          WebElement shown = p.findElement(By.id("fault-result"));
          return shown.getText().startsWith("Not applied") ? shown : null;
        });
    HttpResponse<String> direct = replaceRules(bad);
    assertThat(direct.statusCode()).isEqualTo(400);
    assertThat(result.getText())
        .isEqualTo("Not applied: " + Http.json(direct.body()).path("message").asText())
        .contains("body[0].color: unknown field for kind aws-error");
    assertThat(result.getAttribute("class")).isEqualTo("problem");
    assertThat(rules.getAttribute("value")).isEqualTo(bad);
    JsonNode inForce = Http.json(Http.get(faults).body());
    assertThat(inForce).hasSize(1);
    assertThat(inForce.get(0).path("name").asText()).isEqualTo("kept");
    assertThat(browser.findElement(By.cssSelector("#fault-rules-table tbody tr")).getText())
        .contains("kept", "sqs-duplicate");
  }

  /** The fault API's POST, as a script sends it (the API ignores the idempotency key). */
  private static HttpResponse<String> replaceRules(String rules) {
    return Http.post(faults, "console-faults-test", rules);
  }
}
