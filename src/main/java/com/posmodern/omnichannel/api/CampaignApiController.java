package com.posmodern.omnichannel.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.posmodern.omnichannel.campaign.CampaignDefinition;
import com.posmodern.omnichannel.campaign.CampaignStore;
import com.posmodern.omnichannel.campaign.Campaigns;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WhatsApp marketing campaigns, for operators: dry-run a definition (whom it reaches, a sample of
 * what they would get, how long it takes at the chosen rate; nothing is sent or stored), create one
 * (its recipients expanded into a durable list), list and read them with their counts.
 */
@RestController
@RequestMapping("/api/operator/campaigns")
public class CampaignApiController {

  private final Campaigns campaigns;
  private final ObjectMapper strict;

  public CampaignApiController(Campaigns campaigns, ObjectMapper json) {
    this.campaigns = campaigns;
    // A misspelt field ("minOrder", "quietStart") would otherwise widen the segment or drop the
    // quiet hours without a word: refused instead.
    this.strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  @PostMapping("/dry-run")
  public Campaigns.DryRun dryRun(@RequestBody JsonNode definition) {
    return campaigns.dryRun(read(definition));
  }

  @PostMapping
  public ResponseEntity<CampaignStore.Campaign> create(
      @RequestBody JsonNode definition, Principal operator) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(campaigns.create(read(definition), operator.getName()));
  }

  private CampaignDefinition read(JsonNode definition) {
    try {
      return strict.treeToValue(definition, CampaignDefinition.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "unknown field '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")");
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException invalid) {
        throw invalid;
      }
      throw new IllegalArgumentException(
          "the body is not a campaign definition: " + e.getOriginalMessage());
    }
  }

  @GetMapping
  public List<CampaignStore.Campaign> latest(
      @RequestParam(name = "limit", defaultValue = "50") int limit) {
    return campaigns.latest(Math.max(1, Math.min(limit, 500)));
  }

  @GetMapping("/{id}")
  public ResponseEntity<CampaignStore.Campaign> one(@PathVariable String id) {
    return ResponseEntity.of(campaigns.find(id));
  }

  /** {@code start}, {@code stop}, {@code resume} or {@code cancel} a campaign. */
  @PostMapping("/{id}/{action:start|stop|resume|cancel}")
  public CampaignStore.Campaign move(@PathVariable String id, @PathVariable String action) {
    return campaigns.move(id, action);
  }

  /** Every recipient with its status, reason and Twilio error (phones masked), as CSV. */
  @GetMapping(path = "/{id}/recipients.csv", produces = "text/csv;charset=UTF-8")
  public ResponseEntity<String> recipients(@PathVariable String id) throws java.io.IOException {
    if (campaigns.find(id).isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    java.io.StringWriter csv = new java.io.StringWriter();
    campaigns.exportCsv(id, csv);
    return ResponseEntity.ok()
        .header("Content-Disposition", "attachment; filename=\"" + id + "-recipients.csv\"")
        .body(csv.toString());
  }

  @ExceptionHandler(java.util.NoSuchElementException.class)
  ResponseEntity<Map<String, String>> notFound(java.util.NoSuchElementException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
  }

  /** A definition that cannot be sent: 400 with the field and the reason. */
  @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
  ResponseEntity<Map<String, String>> invalid(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && !(cause instanceof IllegalArgumentException)
        && cause != cause.getCause()) {
      cause = cause.getCause();
    }
    String message =
        cause instanceof IllegalArgumentException
            ? cause.getMessage()
            : e instanceof HttpMessageNotReadableException
                    && e.getCause() instanceof ValueInstantiationException
                ? e.getCause().getMessage()
                : "the body must be a campaign definition in JSON";
    return ResponseEntity.badRequest().body(Map.of("error", message));
  }
}
