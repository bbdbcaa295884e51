package com.posmodern.omnichannel.canonical.reply;

/** Plain text. */
public record TextPart(String text) implements ReplyPart {}
