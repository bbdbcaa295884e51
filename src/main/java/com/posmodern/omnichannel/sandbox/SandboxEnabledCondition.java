package com.posmodern.omnichannel.sandbox;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The sandbox runs when {@code omnichannel.sandbox.enabled} is {@code true}, or when it is {@code
 * auto} (the default) and at least one channel has no send credential. With every channel live it
 * is off unless enabled.
 */
public class SandboxEnabledCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return enabled(context.getEnvironment());
  }

  /** The rule above, for code that needs it outside conditions. */
  public static boolean enabled(Environment environment) {
    String setting =
        environment.getProperty("omnichannel.sandbox.enabled", "auto").strip().toLowerCase();
    return switch (setting) {
      case "true" -> true;
      case "false" -> false;
      default ->
          blank(environment.getProperty("omnichannel.whatsapp.account-sid"))
              || blank(environment.getProperty("omnichannel.messenger.access-token"))
              || blank(environment.getProperty("omnichannel.instagram.access-token"));
    };
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
