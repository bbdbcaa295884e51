package com.posmodern.omnichannel.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.support.Chromium;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Hawtio in a real headless Chromium ({@link Chromium}): an anonymous visitor gets the login page;
 * after logging in as the operator, the Camel plugin lists this app's routes. The screenshot is
 * kept in target/hawtio/ as a build artifact. Tagged {@code browser}: runs where chromium-driver is
 * installed (the pom's browser-tests profile).
 */
@Tag("browser")
class HawtioConsoleTest extends EndToEndTestSupport {

  private Chromium chromium;
  private WebDriver browser;

  @BeforeEach
  void startChromium() throws IOException {
    chromium = new Chromium("en-US", 1440, 1000, Path.of("target", "hawtio"));
    browser = chromium.driver();
  }

  @AfterEach
  void stopChromium() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void anonymousVisitorsGetTheLoginPageAndTheOperatorSeesTheCamelRoutes() throws Exception {
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    browser.get(base + "/actuator/hawtio/");
    wait.until(d -> d.getCurrentUrl().endsWith("/login"));
    screenshot("1-login.png");
    assertThat(browser.findElements(By.name("username"))).hasSize(1);
    assertThat(browser.findElements(By.name("password"))).hasSize(1);

    browser.findElement(By.name("username")).sendKeys("operator");
    browser.findElement(By.name("password")).sendKeys(OPERATOR_PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> d.getCurrentUrl().contains("/actuator/hawtio"));

    browser.get(base + "/actuator/hawtio/camel/routes");
    try {
      wait.until(d -> d.getPageSource().contains("chatbot-consume"));
    } finally {
      screenshot("2-camel-routes.png");
    }
    assertThat(browser.getCurrentUrl()).endsWith("/actuator/hawtio/camel/routes");
    assertThat(browser.getPageSource())
        .contains("chatbot-consume", "fan-out", "marketing-relay", "whatsapp-webhook");
  }

  @Test
  void aWrongPasswordStaysOnTheLoginPage() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get("http://localhost:" + port + "/actuator/hawtio/");
    wait.until(d -> d.getCurrentUrl().endsWith("/login"));

    browser.findElement(By.name("username")).sendKeys("operator");
    browser.findElement(By.name("password")).sendKeys("not-the-password");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    wait.until(d -> d.getCurrentUrl().endsWith("/login?error"));
    browser.get("http://localhost:" + port + "/actuator/hawtio/camel/routes");
    wait.until(d -> d.getCurrentUrl().endsWith("/login"));
  }

  private void screenshot(String name) throws IOException {
    chromium.screenshot(name);
  }
}
