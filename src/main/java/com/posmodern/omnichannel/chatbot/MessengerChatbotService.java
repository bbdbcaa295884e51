package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;

/**
 * The conversation on Messenger, with Messenger's capabilities; called by the {@code
 * chatbot-consume} route.
 */
public class MessengerChatbotService extends BaseChatbotService {

  public MessengerChatbotService(
      ChannelCapabilities capabilities, ChatbotDependencies deps, ConversationEngine engine) {
    super(requireChannel(capabilities, Channel.MESSENGER), deps, engine);
  }
}
