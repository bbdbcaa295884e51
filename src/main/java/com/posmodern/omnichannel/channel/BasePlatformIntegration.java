package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.InboundLimits;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The contract of a channel edge: verify an inbound webhook, map it to canonical messages, describe
 * the channel's capabilities, and say whether sends go to the real platform or to the sandbox. The
 * webhook routes call {@link #receive(Exchange)}; each edge adds its own rendering and sending.
 */
public abstract class BasePlatformIntegration {

  private final String publicBaseUrl;

  protected BasePlatformIntegration(String publicBaseUrl) {
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The channel this edge serves. */
  public abstract Channel channel();

  /** True when sends go to the real platform API, false when they go to the sandbox. */
  public abstract boolean live();

  /**
   * The webhook the platform would send this app when a customer does {@code action}, in the
   * platform's own format and signed with this channel's secret: the sandbox's simulator posts it
   * to the app's public webhook, so the whole real path runs.
   *
   * @throws IllegalArgumentException when the customer id is not one the platform uses
   */
  public abstract SimulatedWebhook simulate(CustomerAction action);

  /**
   * A simulated customer's conversation and address, from the id the platform knows them by.
   *
   * @throws IllegalArgumentException when the customer id is not one the platform uses
   */
  public abstract SimulatedWebhook.Customer simulatedCustomer(String customerId);

  /**
   * The interactive templates this channel sends by reference, by id, with what each is for (e.g.
   * WhatsApp's Content API {@code HX…} SIDs and {@code quick-reply-3}), so the simulator can show
   * them as the platform would; none by default.
   */
  public java.util.Map<String, String> contentTemplates() {
    return java.util.Map.of();
  }

  /** Whether the sandbox runs, so that a channel without credentials talks to it. */
  protected abstract boolean sandboxActive();

  /**
   * Live, sandboxed, or off: a channel without credentials beside a live one takes no webhooks,
   * since its development secrets are public.
   */
  public final ChannelMode mode() {
    if (live()) {
      return ChannelMode.LIVE;
    }
    return sandboxActive() ? ChannelMode.SANDBOX : ChannelMode.OFF;
  }

  /** Where sends go, for the start-up log. */
  public abstract String sendTarget();

  /** What the channel can show. */
  public abstract ChannelCapabilities capabilities();

  /** Where customers' media on this channel may be fetched from, and how ({@link InboundMedia}). */
  public abstract InboundMedia.Source mediaSource();

  /**
   * The notification uses that may go out after the messaging window as an approved template (the
   * send policy's exceptions); none unless the channel has templates.
   */
  public Set<String> templateUses() {
    return Set.of();
  }

  /**
   * Verifies a webhook call and maps it to canonical messages, one per event it carries, each
   * within what can be stored and queued ({@link InboundLimits}).
   *
   * @throws WebhookRejectedException when the call is forged or malformed, or the channel is off;
   *     nothing of it may be enqueued
   */
  public List<CanonicalMessage> receive(Exchange exchange) {
    requireOn();
    WebhookRequest request = WebhookRequest.of(exchange, publicBaseUrl);
    verify(request);
    try {
      return toCanonical(request).stream().map(InboundLimits::admit).toList();
    } catch (InboundLimits.Refused e) {
      throw WebhookRejectedException.malformed(e.getMessage());
    }
  }

  /** Refuses with 404 every webhook of a channel that is {@link ChannelMode#OFF}. */
  protected final void requireOn() {
    if (mode() == ChannelMode.OFF) {
      throw WebhookRejectedException.notFound(
          channel().id() + " is not configured here (no send credential beside a live channel)");
    }
  }

  /**
   * Checks the platform's signature; throws {@link WebhookRejectedException} (403) when it does not
   * match.
   */
  protected abstract void verify(WebhookRequest request);

  /**
   * Maps a verified request; throws {@link WebhookRejectedException} (400) when it is malformed.
   */
  protected abstract List<CanonicalMessage> toCanonical(WebhookRequest request);
}
