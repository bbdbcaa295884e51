package com.posmodern.omnichannel.chatbot.menu;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.Resource;

/**
 * Provides the current menu: read once from the configured catalog file (the bundled sample by
 * default).
 */
public class MenuSource {

  private final Menu menu;

  public MenuSource(Resource catalog) {
    ObjectMapper json =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = catalog.getInputStream()) {
      this.menu = json.readValue(in, Menu.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the menu catalog " + catalog.getDescription(), e);
    }
  }

  /** The menu to show now. */
  public Menu current() {
    return menu;
  }
}
