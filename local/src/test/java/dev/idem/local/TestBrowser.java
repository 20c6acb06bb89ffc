package dev.idem.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless chromium for the console's browser tests: Debian's {@code chromium} and {@code
 * chromium-driver}, found on the {@code PATH}; the calling test is skipped where they are not
 * installed.
 */
final class TestBrowser {

  private TestBrowser() {}

  /** A new headless chromium, or the calling test skipped when there is none. */
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

  private static Optional<Path> onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
