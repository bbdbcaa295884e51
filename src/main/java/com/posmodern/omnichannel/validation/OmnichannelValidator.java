package com.posmodern.omnichannel.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.posmodern.omnichannel.validation.CheckResult.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every integration and writes the results as JSON, one file per run (the seed's {@code
 * OmnichannelValidator}). Run by the {@code validate} command, by {@code POST
 * /api/operator/validate}, and on a schedule by the validator route. Each check reports its status,
 * duration, evidence and, when it did not pass, a remediation hint; a check that throws is a
 * failure, never the end of the run. Works fully in sandbox mode (no accounts) and against the real
 * platforms when configured.
 */
public class OmnichannelValidator {

  private static final Logger log = LoggerFactory.getLogger(OmnichannelValidator.class);
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** A named check of one integration. */
  public record Check(String id, String integration, Supplier<Outcome> run) {}

  /** What a check found: its status, evidence and (when not passed) remediation. */
  public record Outcome(Status status, String evidence, String remediation) {

    public static Outcome pass(String evidence) {
      return new Outcome(Status.PASS, evidence, null);
    }

    public static Outcome warn(String evidence, String remediation) {
      return new Outcome(Status.WARN, evidence, remediation);
    }

    public static Outcome fail(String evidence, String remediation) {
      return new Outcome(Status.FAIL, evidence, remediation);
    }

    public static Outcome skipped(String evidence) {
      return new Outcome(Status.SKIPPED, evidence, null);
    }
  }

  private final IntegrationChecks checks;
  private final Path resultsDir;
  private final Clock clock;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public OmnichannelValidator(IntegrationChecks checks, Path resultsDir, Clock clock) {
    this.checks = checks;
    this.resultsDir = resultsDir;
    this.clock = clock;
  }

  /** Runs every check once, writes the JSON file and returns the report. */
  public synchronized ValidationReport run() {
    String runId = UUID.randomUUID().toString();
    Instant started = clock.instant();
    List<CheckResult> results = new ArrayList<>();
    for (Check check : checks.all(runId)) {
      long t0 = System.nanoTime();
      Outcome outcome;
      try {
        outcome = check.run().get();
      } catch (RuntimeException e) {
        outcome =
            Outcome.fail(
                "the check failed: " + e, "see the application log around this time for the cause");
      }
      results.add(
          new CheckResult(
              check.id(),
              check.integration(),
              outcome.status(),
              (System.nanoTime() - t0) / 1_000_000,
              outcome.evidence(),
              outcome.remediation()));
    }
    Map<Status, Long> summary = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      summary.put(status, results.stream().filter(r -> r.status() == status).count());
    }
    String status = summary.get(Status.FAIL) > 0 ? "FAIL" : "PASS";
    Instant finished = clock.instant();
    Path file =
        resultsDir.resolve(
            "validation-" + FILE_TIME.format(finished) + "-" + runId.substring(0, 8) + ".json");
    ValidationReport report =
        new ValidationReport(
            runId,
            started,
            finished,
            status,
            summary,
            checks.modes(),
            List.copyOf(results),
            file.toString());
    try {
      Files.createDirectories(resultsDir);
      json.writeValue(file.toFile(), report);
    } catch (IOException e) {
      log.warn("Could not write the validation results to {}: {}", file, e.toString());
    }
    log.info(
        "Validation {}: {} ({} passed, {} warnings, {} failed, {} skipped) → {}",
        runId.substring(0, 8),
        status,
        summary.get(Status.PASS),
        summary.get(Status.WARN),
        summary.get(Status.FAIL),
        summary.get(Status.SKIPPED),
        file);
    results.stream()
        .filter(r -> r.status() == Status.FAIL)
        .forEach(
            r ->
                log.warn(
                    "Validation check {} failed: {} → {}", r.id(), r.evidence(), r.remediation()));
    return report;
  }
}
