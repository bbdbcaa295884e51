package com.posmodern.omnichannel.chatbot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Conversation settings, bound from {@code omnichannel.chatbot.*}.
 *
 * @param handoffAfterMisunderstandings messages in a row the bot does not understand before a
 *     person is called
 * @param burstWindowMs typed messages less than this apart are answered as one turn ("oi" / "quero
 *     pizza" / "grande"); 0 answers each at once
 */
@ConfigurationProperties("omnichannel.chatbot")
public record ChatbotProperties(int handoffAfterMisunderstandings, long burstWindowMs) {}
