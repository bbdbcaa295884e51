package com.posmodern.omnichannel.canonical.reply;

/** An image by public URL, with an optional caption. */
public record ImagePart(String url, String caption) implements ReplyPart {}
