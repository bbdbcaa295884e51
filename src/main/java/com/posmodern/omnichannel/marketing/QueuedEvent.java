package com.posmodern.omnichannel.marketing;

import java.time.Instant;

/**
 * A prepared event claimed from the event table for sending.
 *
 * @param solo sent alone, after a batch holding it was refused (so one bad event cannot keep the
 *     others of its batch from being sent)
 * @param batchKey the aggregator's correlation: the platform, and whether the event goes alone
 * @param batchSize how many events the aggregator puts in one batch of this key
 * @param claimToken the claim holding it: an outcome is recorded only while this claim holds it
 */
public record QueuedEvent(
    long id,
    String sink,
    String eventId,
    String name,
    Instant eventTime,
    String body,
    int attempts,
    boolean solo,
    String batchKey,
    int batchSize,
    String claimToken) {}
