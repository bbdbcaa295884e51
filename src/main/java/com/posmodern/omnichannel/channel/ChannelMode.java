package com.posmodern.omnichannel.channel;

/** How a channel runs on this instance; read by the start-up report and the validator. */
public enum ChannelMode {
  /** Credentials set: webhooks verified with its own secrets, sends go to the platform. */
  LIVE,
  /** No credentials and no live channel: the sandbox stands in for the platform. */
  SANDBOX,
  /** No credentials beside a live channel: its webhooks answer 404 and nothing is sent. */
  OFF
}
