package com.posmodern.omnichannel.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Path tricks aimed at the operator surfaces, sent byte for byte over a socket (an HTTP client
 * would normalise them): refused as the client's error (4xx), never as a server error that pages an
 * operator, and never reaching what they aim at.
 */
class HostilePathsEndToEndTest extends EndToEndTestSupport {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/webhooks/../actuator/jolokia/version",
        "/webhooks/%2e%2e/actuator/jolokia/version",
        "//actuator/jolokia/version",
        "/%61ctuator/jolokia/version",
        "/actuator;x=y/jolokia/version",
        "/webhooks/whatsapp;jsessionid=1",
        "/actuator/jolokia/version%00",
        "/actuator//jolokia/version",
        "/webhooks/%5c..%5cactuator/env"
      })
  void aPathTrickIsAClientErrorAndReachesNothing(String path) throws Exception {
    int status = statusOf("GET " + path + " HTTP/1.1");

    assertThat(status).as("GET %s", path).isBetween(400, 499);
  }

  private int statusOf(String requestLine) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
              .readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
