package com.posmodern.omnichannel.validation;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/operator/validate}: runs the validator now (operator account). */
@RestController
public class ValidatorController {

  private final OmnichannelValidator validator;

  public ValidatorController(OmnichannelValidator validator) {
    this.validator = validator;
  }

  /** The report; 200 when every check passed (or only warned), 422 when one failed. */
  @PostMapping("/api/operator/validate")
  public ResponseEntity<ValidationReport> validate() {
    ValidationReport report = validator.run();
    return ResponseEntity.status(report.passed() ? 200 : 422).body(report);
  }
}
