package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.canonical.LogMask;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators do with campaigns: dry-run one (whom it reaches, what they would get, how long it
 * takes, nothing sent) and create one (its recipients expanded into a durable list).
 */
public class Campaigns {

  /** How many personalised messages a dry run shows. */
  static final int SAMPLE = 5;

  /**
   * One customer's message as a dry run shows it (the phone masked).
   *
   * @param variables the values this customer would get
   * @param personalised whether Claude's values passed the checks (else the defaults)
   * @param personalisation {@code ai}, {@code default:<why>}, or null when not asked
   * @param text the approved body filled in, when the campaign gives the template's text
   */
  public record SampleMessage(
      String customer,
      Map<String, String> variables,
      boolean personalised,
      String personalisation,
      String text) {}

  /**
   * What a campaign would do.
   *
   * @param targeted how many customers it reaches
   * @param skipped how many it leaves out, by reason
   * @param sample what some of them would get
   * @param startsAt when the first message would go
   * @param finishesAt when the last would go (rate and quiet hours considered)
   * @param estimatedDuration from the first to the last, ISO-8601
   */
  public record DryRun(
      int targeted,
      Map<String, Integer> skipped,
      List<SampleMessage> sample,
      String startsAt,
      String finishesAt,
      String estimatedDuration) {}

  private final Audience audience;
  private final CampaignStore store;
  private final CampaignPersonaliser personaliser;
  private final MenuSource menu;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public Campaigns(
      Audience audience,
      CampaignStore store,
      CampaignPersonaliser personaliser,
      MenuSource menu,
      TransactionTemplate transactions,
      Clock clock) {
    this.audience = audience;
    this.store = store;
    this.personaliser = personaliser;
    this.menu = menu;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Whom the campaign reaches and how long it takes; sends nothing, stores nothing. */
  public DryRun dryRun(CampaignDefinition definition) {
    Audience.Expansion expansion = audience.expand(definition.segment());
    List<SampleMessage> sample =
        expansion.recipients().stream().limit(SAMPLE).map(r -> sample(definition, r)).toList();
    SendingPlan plan = new SendingPlan(definition, menu.current().restaurant().zone());
    Instant start = plan.nextAllowed(definition.schedule().start(clock.instant()));
    Instant finish = plan.finish(start, expansion.recipients().size());
    return new DryRun(
        expansion.recipients().size(),
        expansion.skipped(),
        sample,
        start.toString(),
        finish.toString(),
        Duration.between(start, finish).toString());
  }

  /** What one customer would get; Claude writes it when the campaign is personalised. */
  private SampleMessage sample(CampaignDefinition definition, Audience.Recipient recipient) {
    CampaignDefinition.Template template = definition.template();
    CampaignPersonaliser.Personalised values =
        definition.personalise()
            ? personaliser.personalise(
                recipient.conversationId(), definition.name(), template, false)
            : new CampaignPersonaliser.Personalised(template.variables(), null);
    return new SampleMessage(
        LogMask.customer(recipient.phone()),
        values.variables(),
        values.byAi(),
        values.outcome(),
        template.render(values.variables()));
  }

  /**
   * Creates a campaign: its recipients are expanded now into a durable list (a customer once, at
   * most); it stays a draft (consent is checked again before each send).
   */
  public CampaignStore.Campaign create(CampaignDefinition definition, String operator) {
    String id = "cmp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Audience.Expansion expansion = audience.expand(definition.segment());
    transactions.executeWithoutResult(
        status -> store.create(id, definition, "draft", expansion, operator));
    return store.find(id).orElseThrow();
  }

  /**
   * Moves a campaign on: {@code start} (a draft) makes it send from its start time; {@code stop}
   * pauses it (what was queued waits), {@code resume} goes on, {@code cancel} ends it (nothing more
   * is sent).
   *
   * @throws IllegalStateException when the campaign is not in a state that allows it
   */
  public CampaignStore.Campaign move(String id, String action) {
    CampaignStore.Campaign campaign =
        store.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no campaign " + id));
    String to =
        switch (action) {
          case "start" -> allowed(campaign, "running", "draft");
          case "stop" -> allowed(campaign, "stopped", "running");
          case "resume" -> allowed(campaign, "running", "stopped");
          case "cancel" -> allowed(campaign, "cancelled", "draft", "running", "stopped");
          default ->
              throw new IllegalArgumentException("action must be start, stop, resume or cancel");
        };
    transactions.executeWithoutResult(
        status -> {
          store.setStatus(id, campaign.status(), to);
          if (to.equals("cancelled")) {
            store.cancelPending(id);
          }
        });
    return store.find(id).orElseThrow();
  }

  private static String allowed(CampaignStore.Campaign campaign, String to, String... from) {
    if (!List.of(from).contains(campaign.status())) {
      throw new IllegalStateException(
          "campaign " + campaign.id() + " is " + campaign.status() + "; it cannot become " + to);
    }
    return to;
  }

  /** The campaign's recipients as CSV. */
  public void exportCsv(String id, java.io.Writer out) throws java.io.IOException {
    store.exportCsv(id, out);
  }

  public java.util.Optional<CampaignStore.Campaign> find(String id) {
    return store.find(id);
  }

  public List<CampaignStore.Campaign> latest(int limit) {
    return store.latest(limit);
  }
}
