package com.posmodern.omnichannel.canonical;

/**
 * A media item that came with a message; the URL is the platform's, fetched only when needed.
 *
 * @param type image, audio, video, file, location, story_mention, …
 * @param url where the platform serves it
 * @param mimeType the content type when the platform states it
 */
public record Attachment(String type, String url, String mimeType) {}
