package com.posmodern.omnichannel.validation;

import java.util.function.IntConsumer;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * {@code java -jar pos-modern-omnichannel.jar validate} (or {@code ./mvnw spring-boot:run
 * -Dspring-boot.run.arguments=validate}): starts the app, runs the validator once through its live
 * routes, prints each check, and exits with 0 when nothing failed, 1 otherwise.
 */
public class ValidatorCommand implements ApplicationRunner {

  public static final String COMMAND = "validate";

  private final OmnichannelValidator validator;
  private final IntConsumer exit;

  /**
   * @param exit ends the process with the exit code (the application's shutdown, then {@code
   *     System.exit})
   */
  public ValidatorCommand(OmnichannelValidator validator, IntConsumer exit) {
    this.validator = validator;
    this.exit = exit;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!args.getNonOptionArgs().contains(COMMAND)) {
      return;
    }
    ValidationReport report = validator.run();
    StringBuilder out =
        new StringBuilder("\nOmnichannel validation ").append(report.status()).append('\n');
    for (CheckResult check : report.checks()) {
      out.append(String.format("  %-8s %-34s %s%n", check.status(), check.id(), check.evidence()));
      if (check.remediation() != null) {
        out.append(String.format("  %-8s %-34s → %s%n", "", "", check.remediation()));
      }
    }
    out.append("Results: ").append(report.file()).append('\n');
    System.out.print(out);
    exit.accept(report.passed() ? 0 : 1);
  }
}
