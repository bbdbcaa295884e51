package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;

/**
 * The conversation on Instagram, with Instagram's capabilities; called by the {@code
 * chatbot-consume} route.
 */
public class InstagramChatbotService extends BaseChatbotService {

  public InstagramChatbotService(
      ChannelCapabilities capabilities, ChatbotDependencies deps, ConversationEngine engine) {
    super(requireChannel(capabilities, Channel.INSTAGRAM), deps, engine);
  }
}
