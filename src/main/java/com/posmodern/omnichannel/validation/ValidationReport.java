package com.posmodern.omnichannel.validation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One validator run, as written to its JSON file.
 *
 * @param status PASS when no check failed, else FAIL
 * @param summary how many checks ended in each status
 * @param modes each channel (live, sandbox or off) and marketing platform (live or sandbox)
 * @param file where the JSON was written
 */
public record ValidationReport(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    String status,
    Map<CheckResult.Status, Long> summary,
    Map<String, String> modes,
    List<CheckResult> checks,
    String file) {

  public boolean passed() {
    return "PASS".equals(status);
  }
}
