package com.posmodern.omnichannel.marketing;

import java.util.List;
import java.util.Map;

/**
 * One HTTP POST to a marketing platform and the events it carries.
 *
 * @param redactedUrl the URL without secrets, for logs and outcome records
 */
public record MarketingRequest(
    String sink,
    String url,
    String redactedUrl,
    Map<String, String> headers,
    String body,
    List<QueuedEvent> events) {}
