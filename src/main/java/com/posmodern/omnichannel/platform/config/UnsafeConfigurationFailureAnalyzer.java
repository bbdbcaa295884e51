package com.posmodern.omnichannel.platform.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a refused configuration as Spring Boot's "APPLICATION FAILED TO START" report: what is
 * wrong, one line per setting, and what to do. Registered in META-INF/spring.factories.
 */
class UnsafeConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
    String context =
        cause.liveChannels().isEmpty()
            ? "The configuration is inconsistent:"
            : "Live channel(s) "
                + String.join(", ", cause.liveChannels())
                + " would serve real customers with settings meant for development only:";
    return new FailureAnalysis(
        context + "\n  - " + String.join("\n  - ", cause.problems()),
        "Set the settings named above (environment variables, see the README's \"Configure real"
            + " channels\"), then start again. To try the app without real customers, unset every"
            + " channel credential: the sandbox then stands in for the platforms.",
        cause);
  }
}
