package io.rastro.pages;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.Browser;
import io.rastro.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operations dashboard in a real browser: refused without an OPERATOR or ADMIN key, and with
 * one, live charts, the numbers of now and the latest events as they happen, behind a session
 * cookie that scripts cannot read.
 */
class OpsDashboardIT extends IntegrationTest {

  @LocalServerPort int serverPort;

  @BeforeAll
  static void browser() {
    Browser.assumeInstalled();
  }

  private String url(String path) {
    return "http://localhost:" + serverPort + path;
  }

  private static void signIn(ChromeDriver page, String key) {
    page.findElement(By.id("key")).sendKeys(key);
    page.findElement(By.cssSelector("form button")).click();
  }

  /** The refusal the sign-in page shows, once the browser has loaded it after the submit. */
  private static String refusal(ChromeDriver page) {
    return new WebDriverWait(page, Duration.ofSeconds(10))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")))
        .getText();
  }

  @Test
  void refusesWithoutAnOperatorKey() {
    var shipper = fixtures.apiKey("SHIPPER", fixtures.customer(), null);
    try (var browser = Browser.start("en", 1280, 900)) {
      var page = browser.driver();
      page.get(url("/ops"));
      assertThat(page.getCurrentUrl()).endsWith("/ops/login");
      browser.assertAccessible();

      signIn(page, "rastro_not-a-key");
      assertThat(refusal(page)).contains("not an OPERATOR");
      page.get(url("/ops/login"));
      signIn(page, shipper);
      assertThat(refusal(page)).contains("not an OPERATOR");
      page.get(url("/ops/data"));
      assertThat(page.getCurrentUrl()).endsWith("/ops/login");
    }
  }

  @Test
  void showsLiveChartsToAnOperator() {
    var operator = fixtures.apiKey("OPERATOR", null, null);
    var trackingNumber = fixtures.shipment(fixtures.customer());
    for (int i = 0; i < 20; i++) {
      fixtures.record(
          trackingNumber, event("ops-" + i, "IN_TRANSIT", "2026-11-27T09:%02d:00Z".formatted(i)));
    }
    fixtures.refresh();
    api.get("/api/v1/shipments/" + trackingNumber);
    try (var browser = Browser.start("en", 1400, 1100)) {
      var page = browser.driver();
      page.get(url("/ops"));
      signIn(page, operator);

      await().atMost(Duration.ofSeconds(10)).until(() -> page.getCurrentUrl().endsWith("/ops"));
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(30))
          .until(() -> page.findElements(By.cssSelector(".uplot")).size() == 4);
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(30))
          .until(() -> !page.findElement(By.id("queueDepth")).getText().equals("–"));
      assertThat(page.findElement(By.id("statuses")).getText()).contains("IN_TRANSIT");
      assertThat(page.findElement(By.id("tables")).getText()).contains("tracking_events");
      var cookie = page.manage().getCookieNamed("RASTRO_SESSION");
      assertThat(cookie.isHttpOnly()).isTrue();
      assertThat(cookie.getSameSite()).isEqualTo("Strict");
      // Give the charts a few samples before the picture.
      var first = page.findElement(By.id("dashboard")).getDomAttribute("data-updated");
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  !String.valueOf(
                          page.findElement(By.id("dashboard")).getDomAttribute("data-updated"))
                      .equals(first));
      // An event recorded now shows among the latest at once, from the change feed's stream.
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "stream".equals(page.findElement(By.id("latest")).getDomAttribute("data-live")));
      fixtures.record(trackingNumber, event("ops-live", "EXCEPTION", "2026-11-27T10:00:00Z"));
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(page.findElement(By.id("events")).getText())
                      .contains("tracking.recorded.v1")
                      .contains("shipment.status-changed.v1")
                      .contains(trackingNumber)
                      .contains("EXCEPTION"));
      assertThat(page.findElement(By.cssSelector("#events a")).getDomAttribute("href"))
          .isEqualTo("/track/" + trackingNumber);
      // The search box finds the shipment by its number, and links to its tracking page.
      page.findElement(By.id("q")).sendKeys(trackingNumber);
      page.findElement(By.cssSelector("#search button")).click();
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(10))
          .until(() -> page.findElement(By.id("foundRows")).getText().contains(trackingNumber));
      assertThat(page.findElement(By.id("foundSummary")).getText()).isEqualTo("1 shipment found");
      assertThat(page.findElement(By.cssSelector("#foundRows a")).getDomAttribute("href"))
          .isEqualTo("/track/" + trackingNumber);
      browser.assertAccessible();
      browser.screenshot("ops");

      page.findElement(By.cssSelector("header form button")).click();
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(10))
          .until(() -> page.getCurrentUrl().endsWith("/ops/login"));
      page.get(url("/ops"));
      assertThat(page.getCurrentUrl()).as("signed out").endsWith("/ops/login");
    }
  }

  @Test
  void showsTheAnalyticsWithCsvDownloads() {
    var operator = fixtures.apiKey("OPERATOR", null, null);
    var carrier = fixtures.carrier();
    var body = fixtures.shipmentBody(fixtures.customer());
    body.put("carrierCode", carrier);
    var trackingNumber = fixtures.shipment(body);
    fixtures.record(trackingNumber, event("a-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    fixtures.record(trackingNumber, event("a-2", "DELIVERED", "2026-11-28T09:00:00Z"));
    fixtures.awaitWritten();
    // The engine has it (a minute at most behind), as the API answers; then the page shows it.
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/api/v1/analytics/delivery-performance?groupBy=carrier")
                            .body()
                            .path("rows")
                            .findValuesAsString("group"))
                    .contains(carrier));
    try (var browser = Browser.start("en", 1400, 1100)) {
      var page = browser.driver();
      page.get(url("/ops"));
      signIn(page, operator);
      await().atMost(Duration.ofSeconds(10)).until(() -> page.getCurrentUrl().endsWith("/ops"));
      page.findElement(By.linkText("Analytics")).click();
      new WebDriverWait(page, Duration.ofSeconds(30))
          .until(ExpectedConditions.textToBePresentInElementLocated(By.id("carriers"), carrier));
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(10))
          .until(() -> page.findElements(By.cssSelector(".uplot")).size() == 2);
      assertThat(page.findElements(By.cssSelector("a.csv")))
          .allSatisfy(link -> assertThat(link.getDomProperty("href")).contains("format=csv"));
      browser.assertAccessible();
      browser.screenshot("ops-analytics");
    }
  }
}
