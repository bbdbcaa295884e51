package com.posmodern.omnichannel.canonical;

/**
 * A media item that came with a message; the URL is the platform's, fetched only when needed.
 *
 * @param type image, audio, video, file, location, story_mention, …
 * @param url where the platform serves it
 * @param mimeType the content type when the platform states it
 */
public record Attachment(String type, String url, String mimeType) {

  /** The customer mentioned the business in their Instagram story (its media is not kept). */
  public static final String STORY_MENTION = "story_mention";

  /** The customer's message answers one of the business's stories (noted, media not kept). */
  public static final String STORY_REPLY = "story_reply";
}
