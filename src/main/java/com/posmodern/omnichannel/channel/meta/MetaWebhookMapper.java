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
import java.util.Objects;
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
      if (!entry.isObject()) {
        throw WebhookRejectedException.malformed("each entry must be an object");
      }
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
    JsonNode message = object(item, "message");
    JsonNode postback = object(item, "postback");
    for (String field :
        List.of("delivery", "read", "reaction", "referral", "sender", "recipient")) {
      object(item, field);
    }
    String senderId = id(item.path("sender").path("id"), "sender.id", false);
    String recipientId = id(item.path("recipient").path("id"), "recipient.id", false);
    boolean echo = flag(message, "is_echo");
    String customerId = echo ? recipientId : senderId;
    String businessId = entryId.isEmpty() ? (echo ? senderId : recipientId) : entryId;

    MessageKind kind;
    String text = null;
    String payload = null;
    List<Attachment> attachments = new ArrayList<>();
    List<String> related = new ArrayList<>();
    if (!message.isMissingNode()) {
      text = textOrNull(message.path("text"), "message.text");
      attachments = attachments(message.path("attachments"));
      addStoryReply(message, attachments);
      if (echo) {
        kind = MessageKind.ECHO;
      } else if (object(message, "quick_reply").has("payload")) {
        kind = MessageKind.CHOICE;
        payload = textOrNull(message.path("quick_reply").path("payload"), "quick_reply.payload");
      } else if (flag(message, "is_deleted")) {
        kind = MessageKind.UNKNOWN;
      } else if (flag(message, "is_unsupported")) {
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
      payload = textOrNull(postback.path("payload"), "postback.payload");
      text = textOrNull(postback.path("title"), "postback.title");
    } else if (item.has("delivery")) {
      // Status reports carry the watermark ("all messages sent before or at it") as their payload.
      kind = MessageKind.DELIVERY;
      JsonNode mids = item.path("delivery").path("mids");
      if (!mids.isMissingNode() && !mids.isArray()) {
        throw WebhookRejectedException.malformed("delivery.mids must be an array");
      }
      mids.forEach(mid -> related.add(textOrNull(mid, "delivery.mids[]")));
      payload = watermark(item.path("delivery").path("watermark"));
    } else if (item.has("read")) {
      kind = MessageKind.READ;
      if (item.path("read").has("mid")) {
        related.add(textOrNull(item.path("read").path("mid"), "read.mid"));
      }
      payload = watermark(item.path("read").path("watermark"));
    } else if (item.has("reaction")) {
      kind = MessageKind.REACTION;
      String mid = textOrNull(item.path("reaction").path("mid"), "reaction.mid");
      related.add(mid == null ? "" : mid);
      text = textOrNull(item.path("reaction").path("emoji"), "reaction.emoji");
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

    String platformId = textOrNull(message.path("mid"), "message.mid");
    if (platformId == null) {
      platformId = textOrNull(postback.path("mid"), "postback.mid");
    }
    JsonNode timestamp = item.path("timestamp");
    if (!timestamp.isMissingNode() && !timestamp.isIntegralNumber()) {
      throw WebhookRejectedException.malformed("timestamp must be a number (epoch milliseconds)");
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
    if (!nodes.isMissingNode() && !nodes.isArray()) {
      throw WebhookRejectedException.malformed("message.attachments must be an array");
    }
    List<Attachment> attachments = new ArrayList<>();
    for (JsonNode node : nodes) {
      if (!node.isObject()) {
        throw WebhookRejectedException.malformed("each attachment must be an object");
      }
      attachments.add(
          new Attachment(
              Objects.requireNonNullElse(textOrNull(node.path("type"), "attachment.type"), "file"),
              Attachment.STORY_MENTION.equals(node.path("type").asText())
                  // The customer's story is never kept: Instagram serves it for 24 hours only
                  // (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api).
                  ? null
                  : textOrNull(node.path("payload").path("url"), "attachment.payload.url"),
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
        textOrNull(node.path("source"), "referral.source"),
        textOrNull(node.path("type"), "referral.type"),
        textOrNull(node.path("ref"), "referral.ref"),
        textOrNull(node.path("ad_id"), "referral.ad_id"),
        textOrNull(node.path("ads_context_data").path("ctwa_clid"), "referral.ctwa_clid"),
        textOrNull(node.path("ads_context_data").path("post_id"), "referral.post_id"));
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

  /** A string field: absent or null is null; a number, boolean, array or object is refused. */
  private static String textOrNull(JsonNode node, String field) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw WebhookRejectedException.malformed(field + " must be a string");
    }
    return node.asText();
  }

  /** An object field, or a missing node when absent; anything else (null included) is refused. */
  private static JsonNode object(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (!node.isMissingNode() && !node.isObject()) {
      throw WebhookRejectedException.malformed(field + " must be an object");
    }
    return node;
  }

  /** A boolean flag such as is_echo: false when absent. */
  private static boolean flag(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (node.isMissingNode()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw WebhookRejectedException.malformed(field + " must be true or false");
    }
    return node.booleanValue();
  }

  /** A delivery or read watermark: Meta sends epoch milliseconds as a number. */
  private static String watermark(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() && !node.isTextual()) {
      throw WebhookRejectedException.malformed("watermark must be a number");
    }
    return node.asText();
  }

  private static List<String> fieldNames(JsonNode item) {
    List<String> names = new ArrayList<>();
    item.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
