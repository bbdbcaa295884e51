package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;

/**
 * Hands each inbound message to the chatbot service of its channel; called by the {@code
 * chatbot-consume} routes, so a new channel needs only its service registered, no route edit.
 */
public class Chatbots {

  private final Map<Channel, BaseChatbotService> byChannel = new EnumMap<>(Channel.class);

  public Chatbots(List<BaseChatbotService> services) {
    for (BaseChatbotService service : services) {
      if (byChannel.putIfAbsent(service.channel(), service) != null) {
        throw new IllegalArgumentException("Two chatbot services for " + service.channel().id());
      }
    }
  }

  /** The message's turn: the replies to send, in order. */
  public List<OutboundReply> handle(@Body CanonicalMessage message) {
    BaseChatbotService service = byChannel.get(message.channel());
    if (service == null) {
      throw new IllegalArgumentException("no chatbot for channel '" + message.channel().id() + "'");
    }
    return service.handle(message);
  }
}
