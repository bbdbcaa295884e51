package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.Channel;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A channel's settings as the start-up checks need them before any bean exists: the send credential
 * that makes it live, the secrets that may not be the public development ones once it is, what else
 * it needs then, and its optional settings. Each channel's package has one, registered under this
 * interface's name in {@code META-INF/spring.factories}; the sandbox switch and the production
 * posture read them all.
 */
public interface ChannelDefinition {

  /** A setting: its property, the environment name people set it with, an accepted alias. */
  record Setting(String property, String variable, String alias, String purpose) {

    public Setting(String property, String variable) {
      this(property, variable, null, null);
    }

    public Setting(String property, String variable, String alias) {
      this(property, variable, alias, null);
    }

    /** The environment name, with its alias: {@code A (or B)}. */
    public String names() {
      return alias == null ? variable : variable + " (or " + alias + ")";
    }
  }

  /** The channel. */
  Channel channel();

  /** The credential sends need: once it is set, the channel is live. */
  Setting sendCredential();

  /** Secrets that must be set, and not the public development ones, while the channel is live. */
  List<Setting> secrets();

  /** Other settings that must be set while the channel is live (each says what it is for). */
  default List<Setting> requiredWhenLive() {
    return List.of();
  }

  /** Settings that may be left unset. */
  default List<Setting> optional() {
    return List.of();
  }

  /** Every registered channel, in the order of {@link Channel}. */
  static List<ChannelDefinition> all() {
    List<ChannelDefinition> all =
        SpringFactoriesLoader.forDefaultResourceLocation(ChannelDefinition.class.getClassLoader())
            .load(ChannelDefinition.class)
            .stream()
            .sorted(Comparator.comparing(ChannelDefinition::channel))
            .toList();
    List<Channel> defined = all.stream().map(ChannelDefinition::channel).toList();
    if (!defined.equals(List.of(Channel.values()))) {
      // A channel without its definition would go live unnoticed by the sandbox switch and the
      // production posture.
      throw new IllegalStateException(
          "META-INF/spring.factories must register one ChannelDefinition per channel ("
              + Channel.ids()
              + "), found "
              + defined);
    }
    return all;
  }
}
