package com.posmodern.omnichannel.platform.web;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Where the sandbox's stand-in platform APIs are served: this app itself, on loopback, at the port
 * the web server actually bound (known only once it has started), and whether the sandbox runs at
 * all (never beside a live channel). Channel edges without credentials send here.
 */
public class SandboxLocation implements ApplicationListener<WebServerInitializedEvent> {

  private final boolean active;
  private volatile int port = -1;

  /** A running sandbox. */
  public SandboxLocation() {
    this(true);
  }

  /**
   * @param active whether the sandbox runs (SandboxEnabledCondition decides: only while no channel
   *     is live)
   */
  public SandboxLocation(boolean active) {
    this.active = active;
  }

  /** Whether the sandbox runs; when it does not, channels without credentials are off. */
  public boolean active() {
    return active;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() == null) {
      port = event.getWebServer().getPort();
    }
  }

  /** The base URL of the sandbox, e.g. {@code http://localhost:8080/sandbox}. */
  public String baseUrl() {
    return serverUrl() + "/sandbox";
  }

  /** This server on loopback, e.g. {@code http://localhost:8080}. */
  public String serverUrl() {
    if (port < 0) {
      throw new IllegalStateException("The web server has not started yet");
    }
    return "http://localhost:" + port;
  }
}
