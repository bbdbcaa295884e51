package com.posmodern.omnichannel.channel.meta;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Meta Graph API location, bound from {@code omnichannel.graph.*}.
 *
 * @param baseUrl Graph API base for Messenger ({@code https://graph.facebook.com})
 * @param instagramBaseUrl base for the Instagram messaging API ({@code
 *     https://graph.instagram.com})
 * @param version Graph API version path segment, e.g. {@code v23.0}
 */
@ConfigurationProperties("omnichannel.graph")
public record GraphApiProperties(String baseUrl, String instagramBaseUrl, String version) {}
