package io.rastro.pages;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.shipment.TrackingNumber;
import io.rastro.support.Browser;
import io.rastro.support.IntegrationTest;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The public tracking page in a real browser: a real shipment's status and events, in English and
 * Spanish, on a phone, updating by itself, and the right message for a bad number.
 */
class TrackingPageIT extends IntegrationTest {

  @LocalServerPort int serverPort;

  @BeforeAll
  static void browser() {
    Browser.assumeInstalled();
  }

  private String url(String path) {
    return "http://localhost:" + serverPort + path;
  }

  private String shipmentInTransit() {
    var customer = fixtures.customer();
    var carrier = fixtures.carrier();
    var body = fixtures.shipmentBody(customer);
    body.put("carrierCode", carrier);
    body.put("promisedDeliveryDate", "2026-12-24");
    var trackingNumber = fixtures.shipment(body);
    fixtures.record(trackingNumber, event("page-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    fixtures.record(trackingNumber, event("page-2", "IN_TRANSIT", "2026-11-27T21:30:00Z"));
    fixtures.refresh();
    return trackingNumber;
  }

  @Test
  void showsAShipmentsStatusAndEventsAndSwitchesLanguage() {
    var trackingNumber = shipmentInTransit();
    try (var browser = Browser.start("en", 1280, 900)) {
      var page = browser.driver();
      page.get(url("/track"));
      page.findElement(By.id("number")).sendKeys(trackingNumber.toLowerCase());
      page.findElement(By.cssSelector("form.search button")).click();

      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(10))
          .until(() -> page.getCurrentUrl().endsWith(trackingNumber));
      assertThat(page.findElement(By.cssSelector("#result .status")).getText())
          .isEqualTo("In transit");
      assertThat(page.findElements(By.cssSelector(".timeline li"))).hasSize(2);
      assertThat(page.findElement(By.cssSelector(".timeline li")).getText())
          .contains("In transit", "Madrid");
      assertThat(page.findElement(By.cssSelector(".steps li[aria-current=step]")).getText())
          .contains("In transit");
      assertThat(page.findElement(By.cssSelector(".facts")).getText()).contains("24 December 2026");
      browser.assertAccessible();
      browser.screenshot("track-en");

      page.findElement(By.linkText("Español")).click();
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> page.findElement(By.tagName("h1")).getText().equals("¿Dónde está mi envío?"));
      assertThat(page.findElement(By.cssSelector("#result .status")).getText())
          .isEqualTo("En tránsito");
      assertThat(page.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("es");
      browser.assertAccessible();
      browser.screenshot("track-es");
    }
  }

  @Test
  void choosesSpanishFromTheBrowserAndFitsAPhone() {
    var trackingNumber = shipmentInTransit();
    try (var browser = Browser.start("es-ES", 390, 844)) {
      var page = browser.driver();
      page.get(url("/track/" + trackingNumber));

      assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("¿Dónde está mi envío?");
      var overflow =
          (Boolean)
              page.executeScript(
                  "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
      assertThat(overflow).as("no sideways scrolling on a phone").isFalse();
      browser.screenshot("track-phone");
    }
  }

  @Test
  void updatesByItselfWhenANewEventIsApplied() {
    var trackingNumber = shipmentInTransit();
    try (var browser = Browser.start("en", 1280, 900)) {
      var page = browser.driver();
      page.get(url("/track/" + trackingNumber));
      assertThat(page.findElements(By.cssSelector(".timeline li"))).hasSize(2);
      // The page listens to its stream rather than asking every few seconds.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> "true".equals(page.findElement(By.id("result")).getDomAttribute("data-live")));

      fixtures.record(trackingNumber, event("page-3", "DELIVERED", "2026-11-28T10:15:00Z"));

      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  page.findElement(By.cssSelector("#result .status"))
                      .getText()
                      .equals("Delivered"));
      // The page redraws itself as it polls: read what it shows now, again if it was redrawn.
      await()
          .ignoreException(StaleElementReferenceException.class)
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(page.findElements(By.cssSelector(".timeline li"))).hasSize(3);
                assertThat(page.findElement(By.cssSelector(".facts")).getText())
                    .contains("Delivered");
              });
    }
  }

  @Test
  void tellsAMistypedNumberFromAnUnknownOne() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var chars = trackingNumber.toCharArray();
    chars[6] = chars[6] == '4' ? '5' : '4';
    try (var browser = Browser.start("en", 1280, 900)) {
      var page = browser.driver();
      page.get(url("/track/" + new String(chars)));
      assertThat(page.findElement(By.cssSelector("[role=alert]")).getText()).contains("mistyped");
      browser.assertAccessible();
      browser.screenshot("track-mistyped");

      page.get(url("/track/" + TrackingNumber.generate(new Random()).value()));
      assertThat(page.findElement(By.cssSelector("[role=alert]")).getText())
          .contains("We know of no parcel");
    }
  }
}
