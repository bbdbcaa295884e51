package com.posmodern.omnichannel.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Personal data rules, bound from {@code omnichannel.privacy.*}.
 *
 * @param marketingLegalBasis {@code consent} (marketing only after an opt-in) or {@code
 *     legitimate-interest} (marketing unless the customer opted out)
 * @param retention how long a conversation nobody writes in keeps its personal data
 * @param retentionCheckPeriodMs how often the retention route looks for expired data
 */
@ConfigurationProperties("omnichannel.privacy")
public record PrivacyProperties(
    String marketingLegalBasis, Duration retention, long retentionCheckPeriodMs) {}
