package com.posmodern.omnichannel.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the channel fixtures under {@code src/test/resources/fixtures}, byte for byte. */
public final class Fixtures {

  private Fixtures() {}

  public static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String path) {
    return new String(bytes(path), java.nio.charset.StandardCharsets.UTF_8);
  }
}
