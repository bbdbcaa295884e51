package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.platform.sqs.EmbeddedSqsServer;
import com.posmodern.omnichannel.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * When SQS cannot be reached, webhooks answer 503 so the platform retries later; nothing is
 * acknowledged.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:outage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "omnichannel.sqs.send-timeout=3s"
    })
@DirtiesContext
class QueueOutageEndToEndTest {

  @LocalServerPort int port;
  @Autowired EmbeddedSqsServer queueServer;

  @Test
  void webhooksAnswer503WhileTheQueueIsDown() {
    Webhooks webhooks = new Webhooks(port);
    assertThat(
            webhooks
                .meta(
                    "messenger",
                    "dev-messenger-app-secret",
                    Webhooks.metaText(
                        "page", "900000000000101", "900000000000042", "m_before", "oi"))
                .statusCode())
        .isEqualTo(200);

    queueServer.close();

    var messenger =
        webhooks.meta(
            "messenger",
            "dev-messenger-app-secret",
            Webhooks.metaText("page", "900000000000101", "900000000000042", "m_during", "oi"));
    var whatsApp =
        webhooks.whatsApp(
            "dev-twilio-auth-token", "SM00000000000000000000000000outage", "+5511900000500", "oi");
    assertThat(messenger.statusCode()).isEqualTo(503);
    assertThat(messenger.body()).contains("SQS");
    assertThat(whatsApp.statusCode()).isEqualTo(503);
  }
}
