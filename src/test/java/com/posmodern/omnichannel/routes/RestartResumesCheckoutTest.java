package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.OmnichannelApplication;
import com.posmodern.omnichannel.support.Customer;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app stops in the middle of a checkout and starts again on the same database and queue
 * storage: the customer carries on where they were, cart and answers intact.
 */
class RestartResumesCheckoutTest {

  @Test
  void aCheckoutInterruptedByARestartResumesWhereTheCustomerWas(@TempDir Path data) {
    try (ConfigurableApplicationContext first = start(data)) {
      Customer rita = customer(first);
      rita.says("oi");
      assertThat(Customer.text(rita.says("um pudim e uma feijoada")))
          .contains("1x Pudim de Leite — R$ 12,90", "1x Feijoada Completa — R$ 49,00");
      rita.picks("CHECKOUT");
      rita.picks("DELIVERY");
      rita.says("Rita");
      assertThat(Customer.text(rita.says("11 99999-8888"))).contains("CEP");
    }

    try (ConfigurableApplicationContext second = start(data)) {
      Customer rita = customer(second);
      assertThat(Customer.text(rita.says("05435-000")))
          .contains("Pinheiros e Vila Madalena", "Qual a rua");
      rita.says("Rua Harmonia");
      rita.says("10");
      rita.picks("NO_COMPLEMENT");
      assertThat(Customer.text(rita.says("Pinheiros")))
          .contains(
              "1x Pudim de Leite",
              "1x Feijoada Completa",
              "Subtotal: R$ 61,90",
              "Total: R$ 68,80",
              "Rita");
    }
  }

  private static ConfigurableApplicationContext start(Path data) {
    // Command-line arguments: they take precedence over application.yml (builder properties would
    // not).
    return new SpringApplicationBuilder(
            OmnichannelApplication.class, EndToEndTestSupport.TestClock.class)
        .run(
            "--server.port=0",
            "--spring.datasource.url=jdbc:h2:file:"
                + data.resolve("omnichannel")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            "--omnichannel.sqs.embedded.persistent=true",
            "--omnichannel.sqs.embedded.storage-url=jdbc:h2:file:"
                + data.resolve("elasticmq")
                + ";WRITE_DELAY=0");
  }

  private static Customer customer(ConfigurableApplicationContext context) {
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    return new Customer(
        port,
        context.getBean(JdbcClient.class),
        "messenger",
        "900000000000043",
        "dev-messenger-app-secret");
  }
}
