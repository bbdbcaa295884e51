package com.posmodern.omnichannel.validation;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.validation.OmnichannelValidator.Outcome;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the validator checks on one channel. Each channel's package declares one as a bean; the
 * validator runs its checks (as {@code <channel>.<name>}, skipped while the channel is off) and,
 * where the channel is sandboxed, a round trip that starts with {@link #greet}.
 */
public interface ChannelChecks {

  /** A named check of the channel: {@code token}, {@code webhook-signature}, … */
  record NamedCheck(String name, Supplier<Outcome> run) {}

  /**
   * A sandbox customer's first message, sent to the app's own webhook.
   *
   * @param answer the webhook's answer
   * @param customerIds the ids the conversation may store the customer under
   */
  record Greeting(Probe.Answer answer, List<String> customerIds) {}

  /** The channel. */
  Channel channel();

  /** Whether the channel talks to the real platform. */
  boolean live();

  /** The channel's own checks, in the order they run. */
  List<NamedCheck> checks(Probe probe, String runId);

  /**
   * Sends "oi" from a made-up customer to the app's own webhook, signed as the platform signs; only
   * called while the channel is sandboxed.
   */
  Greeting greet(Probe probe, String runId);
}
