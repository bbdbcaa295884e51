package com.posmodern.omnichannel.pos.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The menu customers see: the POS catalog fetched from its HTTP endpoint and refreshed by the
 * {@code menu-refresh} route, the last good copy kept in the database (so a restart while the POS
 * is down still has it), and the bundled sample when no POS endpoint is configured.
 */
public class MenuSource {

  private static final Logger log = LoggerFactory.getLogger(MenuSource.class);
  private static final String SNAPSHOT_ID = "current";

  private final ObjectMapper json =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final String posCatalogUrl;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile Menu current;
  private volatile Instant fetchedAt;

  /**
   * @param bundled the catalog used until (or unless) the POS answers; null when there is none (a
   *     live restaurant without MENU_CATALOG), and the POS must then answer at start unless a copy
   *     of its catalog was saved
   * @param posCatalogUrl the POS catalog endpoint; blank to use the bundled catalog only
   */
  public MenuSource(Resource bundled, String posCatalogUrl, JdbcClient jdbc, Clock clock) {
    this.posCatalogUrl = posCatalogUrl == null ? "" : posCatalogUrl.strip();
    this.jdbc = jdbc;
    this.clock = clock;
    Optional<Menu> snapshot = this.posCatalogUrl.isEmpty() ? Optional.empty() : loadSnapshot();
    if (snapshot.isPresent()) {
      this.current = snapshot.get();
    } else if (bundled != null) {
      this.current = read(bundled);
    } else if (this.posCatalogUrl.isEmpty()) {
      throw new IllegalStateException("no menu: set MENU_CATALOG or POS_CATALOG_URL");
    } else {
      try {
        this.current = fetch();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "The POS catalog at "
                + this.posCatalogUrl
                + " did not answer ("
                + e.getMessage()
                + ") and no copy of it was saved yet: start once the POS answers, or set MENU_CATALOG"
                + " to a catalog file to serve until it does",
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while fetching the POS catalog", e);
      }
    }
  }

  /** The menu to show now. */
  public Menu current() {
    return current;
  }

  /**
   * Fetches the POS catalog; on any failure keeps the last good copy and says so. Called by the
   * {@code menu-refresh} route.
   */
  public void refresh() {
    if (posCatalogUrl.isEmpty()) {
      return;
    }
    try {
      current = fetch();
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Menu refresh from {} failed ({}); keeping the copy from {}",
          posCatalogUrl,
          e.getMessage(),
          fetchedAt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Fetches, validates and saves the POS catalog. */
  private Menu fetch() throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(posCatalogUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("the POS answered " + response.statusCode());
    }
    Menu menu = validate(json.readValue(response.body(), Menu.class));
    fetchedAt = clock.instant();
    saveSnapshot(response.body());
    log.info(
        "Menu refreshed from the POS: {} categories, {} items",
        menu.categories().size(),
        menu.items().size());
    return menu;
  }

  private Menu read(Resource catalog) {
    try (InputStream in = catalog.getInputStream()) {
      return validate(json.readValue(in, Menu.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the menu catalog " + catalog.getDescription(), e);
    }
  }

  private Optional<Menu> loadSnapshot() {
    return jdbc.sql("select body, fetched_at from menu_snapshot where id = ?")
        .param(SNAPSHOT_ID)
        .query(
            (rs, row) -> {
              fetchedAt = rs.getTimestamp("fetched_at").toInstant();
              try {
                return json.readValue(rs.getString("body"), Menu.class);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .optional();
  }

  private void saveSnapshot(byte[] body) {
    jdbc.sql("delete from menu_snapshot where id = ?").param(SNAPSHOT_ID).update();
    jdbc.sql("insert into menu_snapshot (id, body, fetched_at) values (?, ?, ?)")
        .params(
            SNAPSHOT_ID,
            new String(body, java.nio.charset.StandardCharsets.UTF_8),
            Timestamp.from(fetchedAt))
        .update();
  }

  /**
   * Refuses catalogs that would mislead customers: no categories, negative prices, items without
   * ids.
   */
  static Menu validate(Menu menu) {
    if (menu.restaurant() == null || menu.categories().isEmpty()) {
      throw new IllegalArgumentException("a catalog needs a restaurant and at least one category");
    }
    for (Menu.Item item : menu.items()) {
      if (item.id() == null || item.name() == null || item.priceCents() < 0) {
        throw new IllegalArgumentException(
            "item " + item.id() + " needs an id, a name and a price of 0 or more");
      }
      if (item.variants().stream().anyMatch(v -> v.priceCents() <= 0)
          || item.addons().stream().anyMatch(a -> a.priceCents() < 0)) {
        throw new IllegalArgumentException(
            "item " + item.id() + " has a variant or add-on without a valid price");
      }
    }
    return menu;
  }
}
