package com.posmodern.omnichannel.channel.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.channel.NumberedChoices;
import com.posmodern.omnichannel.channel.TextSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders reply parts as Send API request bodies (Messenger and Instagram share the format:
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api). Long text becomes
 * several messages; choices become quick replies (on the last piece of text) when there are few
 * enough, a numbered list otherwise.
 */
final class MetaMessageRenderer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChannelCapabilities capabilities;
  private final boolean messagingType;

  /**
   * @param messagingType whether to send {@code messaging_type: RESPONSE} (Messenger requires it;
   *     Instagram's examples leave it out)
   */
  MetaMessageRenderer(ChannelCapabilities capabilities, boolean messagingType) {
    this.capabilities = capabilities;
    this.messagingType = messagingType;
  }

  /** The request bodies for one reply part written by the bot, to send in order. */
  List<String> render(String recipientId, ReplyPart part) {
    return render(recipientId, part, false);
  }

  /**
   * The request bodies for one reply part, to send in order. A person's reply to a handed-over
   * conversation is tagged {@code HUMAN_AGENT}
   * (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags), which
   * lets it go out up to 7 days after the customer's last message; the bot's replies never are.
   */
  List<String> render(String recipientId, ReplyPart part, boolean humanAgent) {
    List<ObjectNode> messages = new ArrayList<>();
    if (part instanceof TextPart text) {
      texts(text.text()).forEach(piece -> messages.add(textMessage(piece)));
    } else if (part instanceof ChoicesPart choices) {
      messages.addAll(choices(choices));
    } else if (part instanceof ImagePart image) {
      ObjectNode attachment = JSON.createObjectNode();
      ObjectNode node = attachment.putObject("attachment");
      node.put("type", "image");
      node.putObject("payload").put("url", image.url()).put("is_reusable", true);
      messages.add(attachment);
      if (image.caption() != null && !image.caption().isBlank()) {
        texts(image.caption()).forEach(piece -> messages.add(textMessage(piece)));
      }
    }
    return messages.stream().map(message -> envelope(recipientId, message, humanAgent)).toList();
  }

  private List<ObjectNode> choices(ChoicesPart part) {
    List<Choice> choices = part.choices();
    boolean quickReplies = !choices.isEmpty() && choices.size() <= capabilities.maxQuickReplies();
    String text = quickReplies ? part.text() : NumberedChoices.text(part);
    List<String> pieces = texts(text);
    List<ObjectNode> messages = new ArrayList<>();
    for (String piece : pieces) {
      messages.add(textMessage(piece));
    }
    if (quickReplies) {
      ArrayNode replies = messages.get(messages.size() - 1).putArray("quick_replies");
      for (Choice choice : choices) {
        replies
            .addObject()
            .put("content_type", "text")
            .put("title", TextSplitter.truncate(choice.title(), capabilities.maxChoiceTitleChars()))
            .put("payload", choice.payload());
      }
    }
    return messages;
  }

  private List<String> texts(String text) {
    return TextSplitter.split(text, capabilities.maxTextChars(), capabilities.maxTextUtf8Bytes());
  }

  private static ObjectNode textMessage(String text) {
    ObjectNode message = JSON.createObjectNode();
    message.put("text", text);
    return message;
  }

  private String envelope(String recipientId, ObjectNode message, boolean humanAgent) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("recipient").put("id", recipientId);
    if (humanAgent) {
      body.put("messaging_type", "MESSAGE_TAG");
      body.put("tag", "HUMAN_AGENT");
    } else if (messagingType) {
      body.put("messaging_type", "RESPONSE");
    }
    body.set("message", message);
    return body.toString();
  }
}
