package com.posmodern.omnichannel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TemplatePart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer writing to the running app through a channel's real webhook, one message at a time,
 * waiting until the bot has processed it and sent every reply; returns the replies as the
 * conversation produced them.
 */
public final class Customer {

  private static final AtomicLong MESSAGES = new AtomicLong(System.currentTimeMillis() % 1_000_000);

  private final Webhooks webhooks;
  private final JdbcClient jdbc;
  private final String channel;
  private final String id;
  private final String secret;
  private final int port;

  /**
   * @param channel whatsapp, messenger or instagram
   * @param id the customer as the channel knows them: {@code +55…} for WhatsApp, a PSID or an IGSID
   * @param secret the Twilio auth token or the Meta app secret that signs this channel's webhooks
   */
  public Customer(int port, JdbcClient jdbc, String channel, String id, String secret) {
    this.webhooks = new Webhooks(port);
    this.port = port;
    this.jdbc = jdbc;
    this.channel = channel;
    this.id = id;
    this.secret = secret;
  }

  /** Types a message. */
  public List<ReplyPart> says(String text) {
    return send(text, null);
  }

  /** Taps a button or quick reply. */
  public List<ReplyPart> picks(String payload) {
    return send(payload, payload);
  }

  /** The conversation id the app gives this customer. */
  public String conversationId(String businessId) {
    return channel + ":" + businessId + ":" + id;
  }

  private List<ReplyPart> send(String text, String payload) {
    String mid =
        channel.equals("whatsapp")
            ? String.format("SM%032d", MESSAGES.incrementAndGet())
            : "m_test_" + MESSAGES.incrementAndGet();
    int status;
    if (channel.equals("whatsapp")) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("MessageSid", mid);
      form.put("From", "whatsapp:" + id);
      form.put("To", "whatsapp:+14155238886");
      form.put("Body", text);
      form.put("ProfileName", "Maria Souza");
      form.put("WaId", id.substring(1));
      if (payload != null) {
        form.put("ButtonPayload", payload);
        form.put("ButtonText", text);
      }
      status =
          webhooks
              .whatsAppForm(
                  form,
                  Webhooks.twilioSignature(
                      secret, "http://localhost:" + port + "/webhooks/whatsapp", form))
              .statusCode();
    } else {
      String object = channel.equals("instagram") ? "instagram" : "page";
      String business =
          channel.equals("instagram") ? EndToEndTestSupport.IG_ID : EndToEndTestSupport.PAGE_ID;
      String quickReply =
          payload == null ? "" : ",\"quick_reply\":{\"payload\":\"" + payload + "\"}";
      String body =
          ("{\"object\":\"%s\",\"entry\":[{\"id\":\"%s\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"%s\"},"
                  + "\"recipient\":{\"id\":\"%s\"},\"timestamp\":1,\"message\":{\"mid\":\"%s\",\"text\":%s%s}}]}]}")
              .formatted(
                  object, business, id, business, mid, CanonicalJson.write(text), quickReply);
      status = webhooks.meta(channel, secret, body.getBytes(StandardCharsets.UTF_8)).statusCode();
    }
    assertThat(status).as("webhook answer").isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollDelay(Duration.ofMillis(5))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> processed(mid));
    return jdbc
        .sql("select part from outbound_message where in_reply_to = ? order by seq")
        .param(mid)
        .query(String.class)
        .list()
        .stream()
        .map(json -> CanonicalJson.read(json, ReplyPart.class))
        .toList();
  }

  private boolean processed(String mid) {
    long done =
        jdbc.sql("select count(*) from processed_message where message_id = ?")
            .param(mid)
            .query(Long.class)
            .single();
    long pending =
        jdbc.sql(
                "select count(*) from outbound_message where in_reply_to = ? and status = 'PENDING'")
            .param(mid)
            .query(Long.class)
            .single();
    return done == 1 && pending == 0;
  }

  /** Every text of the replies (texts, questions, captions), joined with new lines. */
  public static String text(List<ReplyPart> parts) {
    List<String> texts = new ArrayList<>();
    for (ReplyPart part : parts) {
      if (part instanceof TextPart t) {
        texts.add(t.text());
      } else if (part instanceof TemplatePart t) {
        texts.add(t.text());
      } else if (part instanceof ChoicesPart c) {
        texts.add(c.text());
      } else if (part instanceof ImagePart i) {
        texts.add(i.caption() == null ? "" : i.caption());
      }
    }
    return String.join("\n", texts);
  }

  /** The payloads offered by the last question of the replies. */
  public static List<String> choices(List<ReplyPart> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      if (parts.get(i) instanceof ChoicesPart c) {
        return c.choices().stream().map(Choice::payload).toList();
      }
    }
    return List.of();
  }
}
