package com.posmodern.omnichannel.platform.config;

import java.util.List;

/**
 * Thrown by {@link ProductionPosture} when the configuration must not start; {@link
 * UnsafeConfigurationFailureAnalyzer} prints it as a list of settings to fix.
 */
class UnsafeConfigurationException extends IllegalStateException {

  private final List<String> liveChannels;
  private final List<String> problems;

  UnsafeConfigurationException(List<String> liveChannels, List<String> problems) {
    super("Unsafe configuration: " + String.join("; ", problems));
    this.liveChannels = List.copyOf(liveChannels);
    this.problems = List.copyOf(problems);
  }

  List<String> liveChannels() {
    return liveChannels;
  }

  List<String> problems() {
    return problems;
  }
}
