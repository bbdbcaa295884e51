package com.posmodern.omnichannel.canonical.reply;

/**
 * An option the customer can pick.
 *
 * @param payload what comes back when it is picked (e.g. {@code CATEGORY:pizzas})
 * @param title what the customer sees
 */
public record Choice(String payload, String title) {}
