package com.posmodern.omnichannel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The menu from the POS's catalog endpoint: fetched, kept when the POS fails, restored from the
 * database.
 */
class MenuFromPosEndToEndTest extends EndToEndTestSupport {

  private static final String CATALOG =
      "{\"restaurant\":{\"name\":\"Pizzaria do POS\",\"city\":\"Campinas\"},\"minimumOrderCents\":2000,"
          + "\"categories\":[{\"id\":\"pizzas\",\"name\":\"Pizzas\",\"description\":\"\",\"items\":["
          + "{\"id\":\"mussarela\",\"name\":\"Pizza de Mussarela\",\"description\":\"\",\"priceCents\":3990,\"available\":true}]}]}";

  @Test
  void theLastGoodCatalogStaysWhenThePosFailsAndSurvivesARestart() {
    platforms
        .server()
        .stubFor(
            get(urlPathEqualTo("/pos/catalog"))
                .willReturn(
                    aResponse().withHeader("Content-Type", "application/json").withBody(CATALOG)));
    String url = platforms.baseUrl() + "/pos/catalog";
    MenuSource source =
        new MenuSource(
            new ClassPathResource("menu/sample-menu.json"), url, jdbc, Clock.systemUTC());

    source.refresh();
    assertThat(source.current().restaurant().name()).isEqualTo("Pizzaria do POS");

    platforms
        .server()
        .stubFor(get(urlPathEqualTo("/pos/catalog")).willReturn(aResponse().withStatus(503)));
    source.refresh();
    assertThat(source.current().item("mussarela")).isPresent();

    platforms
        .server()
        .stubFor(
            get(urlPathEqualTo("/pos/catalog"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"restaurant\":{\"name\":\"x\"},\"categories\":[]}")));
    source.refresh();
    assertThat(source.current().restaurant().name())
        .as("an empty catalog is refused")
        .isEqualTo("Pizzaria do POS");

    MenuSource afterRestart =
        new MenuSource(
            new ClassPathResource("menu/sample-menu.json"), url, jdbc, Clock.systemUTC());
    assertThat(afterRestart.current().restaurant().name()).isEqualTo("Pizzaria do POS");
  }
}
