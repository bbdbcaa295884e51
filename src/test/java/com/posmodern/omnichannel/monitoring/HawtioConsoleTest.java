package com.posmodern.omnichannel.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Hawtio in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): an anonymous visitor gets the login page; after logging in as the operator, the Camel
 * plugin lists this app's routes. The screenshot is kept in target/hawtio/ as a build artifact.
 * Tagged {@code browser}: runs where chromium-driver is installed (the pom's browser-tests
 * profile).
 */
@Tag("browser")
class HawtioConsoleTest extends EndToEndTestSupport {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private WebDriver browser;
  private Path profile;

  @BeforeEach
  void startChromium() throws IOException {
    assertThat(new File(CHROMIUM))
        .as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does it)")
        .exists();
    assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver").exists();
    profile = Files.createTempDirectory("hawtio-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1440,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopChromium() {
    if (browser != null) {
      browser.quit();
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
    Path target = Path.of("target", "hawtio");
    Files.createDirectories(target);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
