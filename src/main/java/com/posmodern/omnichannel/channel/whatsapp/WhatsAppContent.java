package com.posmodern.omnichannel.channel.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.channel.TextSplitter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Choices as WhatsApp interactive messages through Twilio's Content API: quick-reply buttons
 * (https://www.twilio.com/docs/content/twilio-quick-reply, at most 3 in a session) or a list picker
 * (https://www.twilio.com/docs/content/twiliolist-picker, at most 10 items, item ≤24, id ≤200,
 * description ≤72, body ≤1,024), filled through {@code ContentVariables}. The templates are generic
 * (one per number of options, created by {@link WhatsAppContentSetup}); with none configured, or
 * when the choices do not fit, the caller sends numbered text.
 */
final class WhatsAppContent {

  /** The use a quick-reply template with {@code n} buttons is configured under. */
  static String quickReplyUse(int n) {
    return "quick-reply-" + n;
  }

  /** The use a list-picker template with {@code n} items is configured under. */
  static String listPickerUse(int n) {
    return "list-picker-" + n;
  }

  /** One Content API send: the template and its variables. */
  record Call(String contentSid, Map<String, String> variables) {}

  private final ChannelCapabilities capabilities;
  private final WhatsAppProperties properties;

  WhatsAppContent(ChannelCapabilities capabilities, WhatsAppProperties properties) {
    this.capabilities = capabilities;
    this.properties = properties;
  }

  /**
   * Quick-reply buttons when every option fits a button as it is; otherwise a list picker (titles
   * cut to the item limit, the whole title kept in the description); empty when neither is
   * configured or the options do not fit.
   */
  Optional<Call> choices(ChoicesPart part) {
    List<Choice> choices = part.choices();
    int n = choices.size();
    ChannelCapabilities.QuickReplies buttons = capabilities.quickReplies();
    if (n == 0) {
      return Optional.empty();
    }
    if (buttons != null
        && n <= buttons.max()
        && part.text().length() <= buttons.bodyMaxChars()
        && choices.stream()
            .allMatch(
                c ->
                    c.title().length() <= buttons.titleMaxChars()
                        && c.payload().length() <= buttons.payloadMaxChars())) {
      Optional<String> sid = properties.contentSid(quickReplyUse(n));
      if (sid.isPresent()) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("1", part.text());
        for (int i = 0; i < n; i++) {
          variables.put(Integer.toString(2 + 2 * i), choices.get(i).title());
          variables.put(Integer.toString(3 + 2 * i), choices.get(i).payload());
        }
        return Optional.of(new Call(sid.get(), variables));
      }
    }
    ChannelCapabilities.ListPicker list = capabilities.list();
    if (list != null
        && n <= list.maxItems()
        && part.text().length() <= list.bodyMaxChars()
        && choices.stream().allMatch(c -> c.payload().length() <= list.idMaxChars())) {
      Optional<String> sid = properties.contentSid(listPickerUse(n));
      if (sid.isPresent()) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("1", part.text());
        for (int i = 0; i < n; i++) {
          Choice choice = choices.get(i);
          variables.put(
              Integer.toString(2 + 3 * i),
              TextSplitter.truncate(choice.title(), list.itemTitleMaxChars()));
          variables.put(Integer.toString(3 + 3 * i), choice.payload());
          variables.put(
              Integer.toString(4 + 3 * i),
              TextSplitter.truncate(choice.title(), list.descriptionMaxChars()));
        }
        return Optional.of(new Call(sid.get(), variables));
      }
    }
    return Optional.empty();
  }

  /** {@code ContentVariables}: a flat JSON object of variable name to value. */
  static String json(Map<String, String> variables) {
    try {
      return CanonicalJson.mapper().writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
