package com.posmodern.omnichannel.canonical.reply;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One piece of what the bot says, in channel-neutral terms; each channel edge renders it as well as
 * that channel can (rich element, or a plain-text fallback).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TextPart.class, name = "text"),
  @JsonSubTypes.Type(value = ChoicesPart.class, name = "choices"),
  @JsonSubTypes.Type(value = ImagePart.class, name = "image"),
  @JsonSubTypes.Type(value = CardsPart.class, name = "cards"),
  @JsonSubTypes.Type(value = TemplatePart.class, name = "template")
})
public sealed interface ReplyPart
    permits TextPart, ChoicesPart, ImagePart, CardsPart, TemplatePart {}
