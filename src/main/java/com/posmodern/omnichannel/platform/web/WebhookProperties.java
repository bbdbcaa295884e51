package com.posmodern.omnichannel.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Webhook settings, bound from {@code omnichannel.webhook.*}.
 *
 * @param publicBaseUrl the URL the platforms call, as they see it ({@code
 *     https://bot.example.com}); blank means the URL the request arrived on. Twilio signs the full
 *     public URL, so behind a proxy this must be set.
 * @param maxBodySize bodies over this size are refused with 413 before they are read
 */
@ConfigurationProperties("omnichannel.webhook")
public record WebhookProperties(String publicBaseUrl, DataSize maxBodySize) {}
