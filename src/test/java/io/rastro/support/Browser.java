package io.rastro.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for the page tests: Debian's headless Chromium driven by its ChromeDriver. Where
 * they are missing the tests are skipped with a message saying how to install them; in CI ({@code
 * .ci/run} installs them) they are required.
 */
public final class Browser implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /**
   * Skips the test where Chromium is missing (required in CI), and on the second pass of the
   * integration tests: the pages do not depend on which PostgreSQL serves them.
   */
  public static void assumeInstalled() {
    Assumptions.assumeFalse(TestDatabase.onServer(), "the browser tests run once per build");
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    var message =
        "Skipped: the browser tests need Chromium and ChromeDriver at /usr/bin"
            + " (apt-get install chromium chromium-driver)";
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("CI runs the browser tests. " + message);
    }
    Assumptions.abort(message);
  }

  /** A fresh browser whose preferred language is {@code language}, in a window of that size. */
  public static Browser start(String language, int width, int height) {
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--lang=" + language,
        "--window-size=" + width + "," + height);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    var driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    return new Browser(driver);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Saves what the browser shows to {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      var file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs axe-core on the page and asserts it finds no serious or critical violation. */
  public void assertAccessible() {
    var results =
        new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21aa")).analyze(driver);
    List<Rule> serious =
        results.getViolations().stream()
            .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
            .toList();
    assertThat(serious)
        .as(
            () ->
                serious.stream()
                    .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().size() + " nodes")
                    .toList()
                    .toString())
        .isEmpty();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
