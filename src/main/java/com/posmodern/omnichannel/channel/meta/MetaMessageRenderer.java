package com.posmodern.omnichannel.channel.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.Card;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TemplatePart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.channel.NumberedChoices;
import com.posmodern.omnichannel.channel.TextSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders reply parts as Send API request bodies (Messenger and Instagram share the format,
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api), always within the
 * channel's capability table: long text becomes several messages (cut between graphemes); up to
 * three choices become a button template where the channel has one, more become quick replies, more
 * than the channel allows a numbered list; cards become generic templates of at most the allowed
 * elements (the rest in further messages); an image is sent, then its caption. Nothing is dropped:
 * what does not fit goes to a next message or a plain-text fallback.
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
    } else if (part instanceof TemplatePart notification) {
      // Meta's window is kept by the send policy; inside it a notification is plain text.
      texts(notification.text()).forEach(piece -> messages.add(textMessage(piece)));
    } else if (part instanceof ChoicesPart choices) {
      messages.addAll(choices(choices));
    } else if (part instanceof CardsPart cards) {
      messages.addAll(cards(cards));
    } else if (part instanceof ImagePart image) {
      messages.add(imageMessage(image.url()));
      if (image.caption() != null && !image.caption().isBlank()) {
        texts(image.caption()).forEach(piece -> messages.add(textMessage(piece)));
      }
    }
    return messages.stream().map(message -> envelope(recipientId, message, humanAgent)).toList();
  }

  private List<ObjectNode> choices(ChoicesPart part) {
    List<Choice> choices = part.choices();
    // Meta refuses a message without text, so a question without words shows its options numbered.
    boolean wordless = part.text().isBlank();
    ChannelCapabilities.Buttons buttons = capabilities.buttons();
    if (buttons != null
        && !wordless
        && !choices.isEmpty()
        && choices.size() <= buttons.maxButtons()
        && part.text().length() <= buttons.textMaxChars()
        && choices.stream().allMatch(c -> c.payload().length() <= buttons.payloadMaxChars())) {
      return List.of(buttonTemplate(part.text(), choices, buttons));
    }
    boolean quickReplies = fitQuickReplies(choices);
    List<ObjectNode> messages = new ArrayList<>();
    String text = quickReplies && !wordless ? part.text() : NumberedChoices.text(part);
    texts(text).forEach(piece -> messages.add(textMessage(piece)));
    if (quickReplies) {
      addQuickReplies(messages.get(messages.size() - 1), choices);
    }
    return messages;
  }

  /**
   * Cards as carousels of at most the allowed elements (further pages in further messages), the
   * list's own options as quick replies on the last page. A card with more actions than a card
   * takes, or an action the platform would refuse, sends the whole list as numbered text instead,
   * numbered as the conversation numbers it.
   */
  private List<ObjectNode> cards(CardsPart part) {
    ChannelCapabilities.Cards limits = capabilities.cards();
    List<ObjectNode> messages = new ArrayList<>();
    if (limits == null || part.cards().isEmpty() || !fitCarousel(part.cards(), limits)) {
      texts(NumberedChoices.text(part)).forEach(piece -> messages.add(textMessage(piece)));
      return messages;
    }
    List<Card> cards = part.cards();
    for (int start = 0; start < cards.size(); start += limits.maxElements()) {
      messages.add(
          genericTemplate(
              cards.subList(start, Math.min(cards.size(), start + limits.maxElements())), limits));
    }
    List<Choice> choices = part.choices();
    if (fitQuickReplies(choices)) {
      addQuickReplies(messages.get(messages.size() - 1), choices);
    } else if (!choices.isEmpty()) {
      texts(NumberedChoices.lines(choices, NumberedChoices.cardActions(part) + 1))
          .forEach(piece -> messages.add(textMessage(piece)));
    }
    return messages;
  }

  private boolean fitQuickReplies(List<Choice> choices) {
    return !choices.isEmpty()
        && choices.size() <= capabilities.maxQuickReplies()
        && choices.stream()
            .allMatch(c -> c.payload().length() <= capabilities.quickReplies().payloadMaxChars());
  }

  private static boolean fitCarousel(List<Card> cards, ChannelCapabilities.Cards limits) {
    return cards.stream()
        .allMatch(
            card ->
                card.buttons().size() <= limits.maxButtons()
                    && card.buttons().stream()
                        .allMatch(b -> b.payload().length() <= limits.buttonPayloadMaxChars()));
  }

  private ObjectNode genericTemplate(List<Card> cards, ChannelCapabilities.Cards limits) {
    ObjectNode message = JSON.createObjectNode();
    ObjectNode payload =
        message.putObject("attachment").put("type", "template").putObject("payload");
    payload.put("template_type", "generic");
    ArrayNode elements = payload.putArray("elements");
    for (Card card : cards) {
      ObjectNode element = elements.addObject();
      element.put("title", TextSplitter.truncate(card.title(), limits.titleMaxChars()));
      if (card.imageUrl() != null) {
        element.put("image_url", card.imageUrl());
      }
      if (card.subtitle() != null && !card.subtitle().isBlank()) {
        element.put("subtitle", TextSplitter.truncate(card.subtitle(), limits.subtitleMaxChars()));
      }
      if (!card.buttons().isEmpty()) {
        ArrayNode buttons = element.putArray("buttons");
        for (Choice choice : card.buttons()) {
          buttons
              .addObject()
              .put("type", "postback")
              .put("title", TextSplitter.truncate(choice.title(), limits.buttonTitleMaxChars()))
              .put("payload", choice.payload());
        }
      }
    }
    return message;
  }

  private ObjectNode buttonTemplate(
      String text, List<Choice> choices, ChannelCapabilities.Buttons limits) {
    ObjectNode message = JSON.createObjectNode();
    ObjectNode payload =
        message.putObject("attachment").put("type", "template").putObject("payload");
    payload.put("template_type", "button");
    payload.put("text", text);
    ArrayNode buttons = payload.putArray("buttons");
    for (Choice choice : choices) {
      buttons
          .addObject()
          .put("type", "postback")
          .put("title", TextSplitter.truncate(choice.title(), limits.titleMaxChars()))
          .put("payload", choice.payload());
    }
    return message;
  }

  private void addQuickReplies(ObjectNode message, List<Choice> choices) {
    ArrayNode replies = message.putArray("quick_replies");
    for (Choice choice : choices) {
      replies
          .addObject()
          .put("content_type", "text")
          .put("title", TextSplitter.truncate(choice.title(), capabilities.maxChoiceTitleChars()))
          .put("payload", choice.payload());
    }
  }

  private List<String> texts(String text) {
    return TextSplitter.split(text, capabilities.maxTextChars(), capabilities.maxTextUtf8Bytes());
  }

  private static ObjectNode textMessage(String text) {
    ObjectNode message = JSON.createObjectNode();
    message.put("text", text);
    return message;
  }

  private static ObjectNode imageMessage(String url) {
    ObjectNode message = JSON.createObjectNode();
    ObjectNode attachment = message.putObject("attachment");
    attachment.put("type", "image");
    attachment.putObject("payload").put("url", url).put("is_reusable", true);
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
