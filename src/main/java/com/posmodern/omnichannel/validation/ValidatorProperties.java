package com.posmodern.omnichannel.validation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The validator, bound from {@code omnichannel.validator.*}.
 *
 * @param resultsDir where each run's JSON file is written
 * @param periodMs how often the scheduled run validates (the validator route)
 * @param capabilitiesMaxAge the capability table fails once a limit was last checked longer ago
 * @param roundTripTimeout how long a sandbox round trip may take to produce a reply
 * @param httpTimeout each probe request's timeout
 */
@ConfigurationProperties("omnichannel.validator")
public record ValidatorProperties(
    String resultsDir,
    long periodMs,
    Duration capabilitiesMaxAge,
    Duration roundTripTimeout,
    Duration httpTimeout) {}
