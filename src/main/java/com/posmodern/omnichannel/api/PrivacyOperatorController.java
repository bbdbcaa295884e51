package com.posmodern.omnichannel.api;

import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import com.posmodern.omnichannel.privacy.PersonalData;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Marketing events and personal data for operators (authenticated as an operator): each event's
 * outcome, a customer's consent history, and erasing a customer on their request (LGPD art. 18).
 */
@RestController
@RequestMapping("/api/operator")
public class PrivacyOperatorController {

  private final MarketingRecorder marketing;
  private final ConsentLedger consent;
  private final PersonalData personalData;

  public PrivacyOperatorController(
      MarketingRecorder marketing, ConsentLedger consent, PersonalData personalData) {
    this.marketing = marketing;
    this.consent = consent;
    this.personalData = personalData;
  }

  /**
   * The latest marketing events, newest first.
   *
   * @param status any of PENDING, SENDING, SENT, SKIPPED, FAILED, EXPIRED (default: all)
   */
  @GetMapping("/marketing/events")
  public List<MarketingRecorder.EventRow> events(
      @RequestParam(name = "status", required = false) List<String> status,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    Set<String> statuses = new LinkedHashSet<>();
    if (status != null) {
      status.forEach(
          s ->
              List.of(s.split(","))
                  .forEach(one -> statuses.add(one.strip().toUpperCase(Locale.ROOT))));
    }
    return marketing.latest(statuses, limit);
  }

  /** Every marketing decision of a customer (conversation id), oldest first. */
  @GetMapping("/consent")
  public List<ConsentLedger.Entry> consent(@RequestParam("conversationId") String conversationId) {
    return consent.history(conversationId);
  }

  /** Erases a customer's personal data (the conversation id names customer and channel). */
  @PostMapping("/privacy/erase")
  public PersonalData.Deletion erase(@RequestParam("conversationId") String conversationId) {
    return personalData.eraseConversation(conversationId, "operator");
  }
}
