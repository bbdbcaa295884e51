package com.posmodern.omnichannel.sandbox;

import com.posmodern.omnichannel.channel.ChannelDefinition;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The sandbox (stand-in platform APIs, its checkout and its payment webhook) runs only while no
 * channel is live: {@code omnichannel.sandbox.enabled} {@code auto} (the default) or {@code true}
 * turns it on then, {@code false} turns it off. It never runs beside a live channel: {@code true}
 * with a live channel is refused at start-up by the production posture check. Used by the sandbox's
 * controllers, the security rules and the wiring of the payment provider.
 */
public class SandboxEnabledCondition implements Condition {

  /** The registered channels: each is live once its send credential is set. */
  private static final List<ChannelDefinition> CHANNELS = ChannelDefinition.all();

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return enabled(context.getEnvironment());
  }

  /** The rule above, for code that needs it outside conditions. */
  public static boolean enabled(Environment environment) {
    return !"false".equals(setting(environment)) && liveChannels(environment).isEmpty();
  }

  /** Whether the sandbox was asked for with {@code omnichannel.sandbox.enabled=true}. */
  public static boolean explicitlyEnabled(Environment environment) {
    return "true".equals(setting(environment));
  }

  /** The channels with a send credential ({@code whatsapp}, {@code messenger}, …). */
  public static List<String> liveChannels(Environment environment) {
    List<String> live = new ArrayList<>();
    for (ChannelDefinition channel : CHANNELS) {
      String value = environment.getProperty(channel.sendCredential().property());
      if (value != null && !value.isBlank()) {
        live.add(channel.channel().id());
      }
    }
    return live;
  }

  private static String setting(Environment environment) {
    return environment.getProperty("omnichannel.sandbox.enabled", "auto").strip().toLowerCase();
  }
}
