package com.posmodern.omnichannel.canonical;

/**
 * What a channel can show, as its platform documents it: the only way the conversation engine
 * learns about a channel, and the limits every renderer keeps to.
 *
 * @param channel the channel described
 * @param maxTextChars longest text message in characters (0: no character limit)
 * @param maxTextUtf8Bytes longest text message in UTF-8 bytes (0: no byte limit)
 * @param maxQuickReplies most quick replies in one message (0: none; options become a numbered
 *     list)
 * @param maxChoiceTitleChars longest quick-reply title
 * @param images whether images can be sent
 * @param source the documentation the limits come from
 */
public record ChannelCapabilities(
    Channel channel,
    int maxTextChars,
    int maxTextUtf8Bytes,
    int maxQuickReplies,
    int maxChoiceTitleChars,
    boolean images,
    String source) {}
