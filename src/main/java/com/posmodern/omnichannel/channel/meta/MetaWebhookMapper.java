package com.posmodern.omnichannel.channel.meta;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.posmodern.omnichannel.canonical.Attachment;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.Referral;
import com.posmodern.omnichannel.canonical.Sender;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a Messenger or Instagram webhook body to canonical messages: every {@code entry[]} and every
 * {@code messaging[]} item becomes its own message; echoes, deliveries and reads are marked as
 * such; anything else unknown is kept as {@link MessageKind#UNKNOWN}. Field names follow the
 * Messenger Platform webhook reference
 * (https://developers.facebook.com/docs/messenger-platform/webhooks) and the Instagram messaging
 * webhook (https://developers.facebook.com/docs/instagram-platform/webhooks/examples/).
 */
public final class MetaWebhookMapper {

  private static final Logger log = LoggerFactory.getLogger(MetaWebhookMapper.class);

  /**
   * Webhook bodies are a few levels deep (object, entry, messaging, message, attachments, payload):
   * anything nested deeper than this is refused before it is built.
   */
  static final int MAX_NESTING = 32;

  /**
   * "Webhooks … will be batched with a maximum of 1000 updates" per request (Meta's Webhooks docs).
   */
  static final int MAX_EVENTS = 1000;

  /** Meta's object ids: digits (they run to about 17; room to spare). */
  private static final Pattern META_ID = Pattern.compile("\\d{1,64}");

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                  .build())
          .build();

  private final Channel channel;
  private final String expectedObject;

  /**
   * @param channel the channel the webhook serves
   * @param expectedObject the {@code object} Meta sends for it: {@code page} or {@code instagram}
   */
  public MetaWebhookMapper(Channel channel, String expectedObject) {
    this.channel = channel;
    this.expectedObject = expectedObject;
  }

  /**
   * Maps a verified body; rejects with 400 anything that is not a Meta webhook of the expected
   * object.
   */
  public List<CanonicalMessage> map(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw WebhookRejectedException.malformed("body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw WebhookRejectedException.malformed("body is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw WebhookRejectedException.malformed("body is not a JSON object");
    }
    String object = root.path("object").asText("");
    if (!expectedObject.equals(object)) {
      throw WebhookRejectedException.malformed(
          "object must be '" + expectedObject + "', was '" + object + "'");
    }
    JsonNode entries = root.path("entry");
    if (!entries.isArray()) {
      throw WebhookRejectedException.malformed("entry must be an array");
    }
    int events = 0;
    for (JsonNode entry : entries) {
      events += entry.path("messaging").size();
    }
    if (events > MAX_EVENTS) {
      throw WebhookRejectedException.malformed(
          "more than " + MAX_EVENTS + " events in one request");
    }
    List<CanonicalMessage> messages = new ArrayList<>();
    for (JsonNode entry : entries) {
      String businessId = id(entry.path("id"), "entry.id", true);
      JsonNode messaging = entry.path("messaging");
      if (!messaging.isMissingNode() && !messaging.isArray()) {
        throw WebhookRejectedException.malformed("entry.messaging must be an array");
      }
      for (JsonNode item : messaging) {
        if (!item.isObject()) {
          throw WebhookRejectedException.malformed("each messaging event must be an object");
        }
        messages.add(toCanonical(businessId, item));
      }
      if (entry.has("changes")) {
        log.info(
            "{} webhook: {} change notification(s) for {} ignored (no messaging events)",
            channel.id(),
            entry.path("changes").size(),
            businessId);
      }
    }
    return messages;
  }

  private CanonicalMessage toCanonical(String entryId, JsonNode item) {
    JsonNode message = item.path("message");
    JsonNode postback = item.path("postback");
    String senderId = id(item.path("sender").path("id"), "sender.id", false);
    String recipientId = id(item.path("recipient").path("id"), "recipient.id", false);
    boolean echo = message.path("is_echo").asBoolean(false);
    String customerId = echo ? recipientId : senderId;
    String businessId = entryId.isEmpty() ? (echo ? senderId : recipientId) : entryId;

    MessageKind kind;
    String text = null;
    String payload = null;
    List<Attachment> attachments = new ArrayList<>();
    List<String> related = new ArrayList<>();
    if (!message.isMissingNode()) {
      text = textOrNull(message.path("text"));
      attachments = attachments(message.path("attachments"));
      addStoryReply(message, attachments);
      if (echo) {
        kind = MessageKind.ECHO;
      } else if (message.path("quick_reply").has("payload")) {
        kind = MessageKind.CHOICE;
        payload = message.path("quick_reply").path("payload").asText();
      } else if (message.path("is_deleted").asBoolean(false)) {
        kind = MessageKind.UNKNOWN;
      } else if (message.path("is_unsupported").asBoolean(false)) {
        // A sticker, GIF or other type the API does not deliver ("is_unsupported": true,
        // https://developers.facebook.com/docs/instagram-messaging/webhooks): answered, not lost.
        kind = MessageKind.UNSUPPORTED;
      } else if (text != null) {
        kind = MessageKind.TEXT;
      } else if (attachments.stream().anyMatch(a -> "location".equals(a.type()))) {
        kind = MessageKind.LOCATION;
      } else if (!attachments.isEmpty()) {
        kind = MessageKind.MEDIA;
      } else {
        kind = MessageKind.UNKNOWN;
      }
    } else if (!postback.isMissingNode()) {
      kind = MessageKind.POSTBACK;
      payload = textOrNull(postback.path("payload"));
      text = textOrNull(postback.path("title"));
    } else if (item.has("delivery")) {
      // Status reports carry the watermark ("all messages sent before or at it") as their payload.
      kind = MessageKind.DELIVERY;
      item.path("delivery").path("mids").forEach(mid -> related.add(mid.asText()));
      payload = textOrNull(item.path("delivery").path("watermark"));
    } else if (item.has("read")) {
      kind = MessageKind.READ;
      if (item.path("read").has("mid")) {
        related.add(item.path("read").path("mid").asText());
      }
      payload = textOrNull(item.path("read").path("watermark"));
    } else if (item.has("reaction")) {
      kind = MessageKind.REACTION;
      related.add(item.path("reaction").path("mid").asText(""));
      text = textOrNull(item.path("reaction").path("emoji"));
    } else if (item.has("referral")) {
      kind = MessageKind.REFERRAL;
    } else {
      kind = MessageKind.UNKNOWN;
    }
    if (kind == MessageKind.UNKNOWN) {
      log.info(
          "{} webhook: event of an unknown kind accepted and not answered: fields {}",
          channel.id(),
          fieldNames(item));
    }

    String platformId = textOrNull(message.path("mid"));
    if (platformId == null) {
      platformId = textOrNull(postback.path("mid"));
    }
    String messageId = platformId != null ? platformId : syntheticId(kind, item);
    return new CanonicalMessage(
        CanonicalMessage.SCHEMA_VERSION,
        messageId,
        channel,
        CanonicalMessage.conversationId(channel, businessId, customerId),
        businessId,
        new Sender(customerId, null, null),
        kind,
        text,
        payload,
        attachments,
        referral(item),
        related,
        item.path("timestamp").asLong(0));
  }

  private static List<Attachment> attachments(JsonNode nodes) {
    List<Attachment> attachments = new ArrayList<>();
    for (JsonNode node : nodes) {
      attachments.add(
          new Attachment(
              node.path("type").asText("file"),
              Attachment.STORY_MENTION.equals(node.path("type").asText())
                  // The customer's story is never kept: Instagram serves it for 24 hours only
                  // (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api).
                  ? null
                  : textOrNull(node.path("payload").path("url")),
              null));
    }
    return attachments;
  }

  /**
   * A reply to one of our Instagram stories: the story is noted by its id only, never its media
   * (https://developers.facebook.com/docs/instagram-platform/webhooks/examples, {@code
   * reply_to.story}).
   */
  private static void addStoryReply(JsonNode message, List<Attachment> attachments) {
    JsonNode story = message.path("reply_to").path("story");
    if (!story.isMissingNode()) {
      attachments.add(new Attachment(Attachment.STORY_REPLY, null, null));
    }
  }

  private static Referral referral(JsonNode item) {
    JsonNode node = item.path("referral");
    if (node.isMissingNode()) {
      node = item.path("postback").path("referral");
    }
    if (node.isMissingNode()) {
      node = item.path("message").path("referral");
    }
    if (node.isMissingNode()) {
      return null;
    }
    return new Referral(
        textOrNull(node.path("source")),
        textOrNull(node.path("type")),
        textOrNull(node.path("ref")),
        textOrNull(node.path("ad_id")),
        textOrNull(node.path("ads_context_data").path("ctwa_clid")),
        textOrNull(node.path("ads_context_data").path("post_id")));
  }

  /**
   * Events without a platform id (deliveries, reads, referrals) get a stable id from their content.
   */
  private String syntheticId(MessageKind kind, JsonNode item) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(item.toString().getBytes(StandardCharsets.UTF_8));
      return channel.id()
          + "-"
          + kind.name().toLowerCase()
          + "-"
          + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An id as Meta sends it: Page ids, Instagram account ids, PSIDs and IGSIDs are numeric strings
   * ("sender": {"id": "<PSID>"}, the Messenger webhook reference); a number, boolean, object, empty
   * string or anything but digits is refused rather than coerced.
   */
  private static String id(JsonNode node, String field, boolean optional) {
    if (node.isMissingNode() && optional) {
      return "";
    }
    if (!node.isTextual() || !META_ID.matcher(node.asText()).matches()) {
      throw WebhookRejectedException.malformed(field + " must be a string of digits");
    }
    return node.asText();
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private static List<String> fieldNames(JsonNode item) {
    List<String> names = new ArrayList<>();
    item.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
