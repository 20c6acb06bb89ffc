package dev.idem.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The headless browser of the console's browser tests: Debian's {@code chromium} and {@code
 * chromium-driver} (the test is skipped where they are not installed), and the screenshots the
 * README shows.
 */
final class Browsers {

  private Browsers() {}

  /** A headless chromium; skips the calling test class when it is not installed. */
  static ChromeDriver start() {
    Optional<Path> chromium = onPath("chromium");
    Optional<Path> driver = onPath("chromedriver");
    assumeTrue(
        chromium.isPresent() && driver.isPresent(),
        "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(chromium.get().toFile())
            .addArguments(
                "--headless", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1700");
    // The driver named outright: Selenium Manager would otherwise look for one on the network.
    return new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).build(),
        options);
  }

  /**
   * Saves the page as {@code target/<name>.png}, and as {@code docs/<name>.png} when the
   * environment variable {@code IDEM_UPDATE_SCREENSHOTS} is {@code true} (so that a test run leaves
   * the repository's files alone).
   */
  static void screenshot(WebDriver browser, String name) throws IOException {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(Files.createDirectories(Path.of("target")).resolve(name + ".png"), png);
    if ("true".equals(System.getenv("IDEM_UPDATE_SCREENSHOTS"))) {
      Files.write(TestClouds.ROOT.resolve("docs/" + name + ".png"), png);
    }
  }

  private static Optional<Path> onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
