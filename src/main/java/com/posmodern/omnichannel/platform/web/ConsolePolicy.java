package com.posmodern.omnichannel.platform.web;

/** What the web console's pages (login, inbox, simulator) may load. */
public final class ConsolePolicy {

  /**
   * Only this app's own scripts, styles and connections (a reply the simulator shows is untrusted
   * platform data, so nothing it carries may run), images from anywhere (menu photos); no framing.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private ConsolePolicy() {}
}
