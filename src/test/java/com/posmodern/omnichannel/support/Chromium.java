package com.posmodern.omnichannel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for the browser tests (Debian's chromium and chromium-driver, which
 * .ci/run installs), with its own throwaway profile; screenshots are kept under target/ as build
 * artifacts.
 */
public final class Chromium implements AutoCloseable {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final WebDriver driver;
  private final Path screenshots;

  /**
   * @param language the browser's language (what pages see in navigator.language)
   * @param width the window's width in pixels (a phone's, or a desktop's)
   * @param screenshots where screenshots go, e.g. target/hawtio
   */
  public Chromium(String language, int width, int height, Path screenshots) throws IOException {
    assertThat(new File(CHROMIUM))
        .as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does it)")
        .exists();
    assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver").exists();
    Path profile = Files.createTempDirectory("chromium-profile");
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
        "--autoplay-policy=no-user-gesture-required",
        "--lang=" + language,
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    this.driver = new ChromeDriver(service, options);
    this.screenshots = screenshots;
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves what the window shows now as {@code name} under the screenshot folder. */
  public void screenshot(String name) throws IOException {
    Files.createDirectories(screenshots);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
