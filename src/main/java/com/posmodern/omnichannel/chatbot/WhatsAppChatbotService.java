package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;

/**
 * The conversation on WhatsApp, with WhatsApp's capabilities; called by the {@code chatbot-consume}
 * route.
 */
public class WhatsAppChatbotService extends BaseChatbotService {

  public WhatsAppChatbotService(
      ChannelCapabilities capabilities, ChatbotDependencies deps, ConversationEngine engine) {
    super(requireChannel(capabilities, Channel.WHATSAPP), deps, engine);
  }
}
