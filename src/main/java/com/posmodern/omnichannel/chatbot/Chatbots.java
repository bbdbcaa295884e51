package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;

/**
 * One {@link ChatbotService} per channel edge, each given that channel's capabilities; hands each
 * inbound message to the one of its channel. Called by the {@code chatbot-consume} routes, so a new
 * channel needs no edit here nor in the routes: its capabilities bean is enough.
 */
public class Chatbots {

  private final Map<Channel, ChatbotService> byChannel = new EnumMap<>(Channel.class);

  public Chatbots(
      List<ChannelCapabilities> channels, ChatbotDependencies deps, ConversationEngine engine) {
    for (ChannelCapabilities channel : channels) {
      if (byChannel.putIfAbsent(channel.channel(), new ChatbotService(channel, deps, engine))
          != null) {
        throw new IllegalArgumentException("Two capability beans for " + channel.channel().id());
      }
    }
  }

  /** The message's turn: the replies to send, in order. */
  public List<OutboundReply> handle(@Body CanonicalMessage message) {
    return of(message.channel()).handle(message);
  }

  /** The chatbot of one channel. */
  ChatbotService of(Channel channel) {
    ChatbotService service = byChannel.get(channel);
    if (service == null) {
      throw new IllegalArgumentException("no chatbot for channel '" + channel.id() + "'");
    }
    return service;
  }
}
