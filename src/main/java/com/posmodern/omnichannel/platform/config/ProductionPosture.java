package com.posmodern.omnichannel.platform.config;

import com.posmodern.omnichannel.channel.ChannelDefinition;
import com.posmodern.omnichannel.channel.ChannelDefinition.Setting;
import com.posmodern.omnichannel.payment.PaymentProperties;
import com.posmodern.omnichannel.sandbox.SandboxEnabledCondition;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a configuration that would serve real customers with what only development may
 * use: once any channel is live, no public development secret or password, no sandbox, no sandbox
 * payment provider, no sample PIX key, sender or menu. Also refuses, live or not, a channel that is
 * half configured (it would silently stay in the sandbox) and two spellings of one setting that
 * disagree. Runs before any bean is created and lists every problem at once.
 */
@Component
class ProductionPosture implements BeanFactoryPostProcessor, EnvironmentAware {

  /** The public development secrets and passwords all start with this. */
  static final String DEVELOPMENT_PREFIX = "dev-";

  /** The registered channels (one definition per channel package). */
  static final List<ChannelDefinition> CHANNELS = ChannelDefinition.all();

  /** Accounts of the operator surfaces; the dev profile gives them public passwords. */
  static final List<Setting> ACCOUNTS =
      List.of(
          new Setting("omnichannel.security.pos.password", "POS_API_PASSWORD"),
          new Setting("omnichannel.security.agent.password", "AGENT_PASSWORD"),
          new Setting("omnichannel.security.operator.password", "OPERATOR_PASSWORD"));

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    List<String> problems = problems(environment);
    if (!problems.isEmpty()) {
      throw new UnsafeConfigurationException(
          SandboxEnabledCondition.liveChannels(environment), problems);
    }
  }

  /** Everything that keeps this configuration from starting; empty when it may start. */
  static List<String> problems(Environment env) {
    List<String> problems = new ArrayList<>();
    for (ChannelDefinition channel : CHANNELS) {
      aliasesAgree(env, channel.sendCredential(), problems);
      channel.secrets().forEach(s -> aliasesAgree(env, s, problems));
      channel.requiredWhenLive().forEach(s -> aliasesAgree(env, s, problems));
      channel.optional().forEach(s -> aliasesAgree(env, s, problems));
      if (!set(env, channel.sendCredential().property())) {
        halfConfigured(env, channel, problems);
      }
    }
    String provider = env.getProperty("omnichannel.payment.card-provider", "sandbox").strip();
    if (!provider.equalsIgnoreCase("sandbox") && !provider.equalsIgnoreCase("mercadopago")) {
      problems.add(
          "PAYMENT_PROVIDER is '" + provider + "': use mercadopago (or sandbox while developing)");
    }
    if (provider.equalsIgnoreCase("mercadopago")) {
      for (Setting setting :
          List.of(
              new Setting(
                  "omnichannel.payment.mercado-pago.access-token", "MERCADOPAGO_ACCESS_TOKEN"),
              new Setting(
                  "omnichannel.payment.mercado-pago.webhook-secret",
                  "MERCADOPAGO_WEBHOOK_SECRET"))) {
        if (!set(env, setting.property())) {
          problems.add(setting.names() + " is not set: PAYMENT_PROVIDER=mercadopago needs it");
        }
      }
    }
    List<String> live = SandboxEnabledCondition.liveChannels(env);
    if (!live.isEmpty()) {
      liveProblems(env, live, provider, problems);
    }
    return problems;
  }

  private static void liveProblems(
      Environment env, List<String> live, String provider, List<String> problems) {
    for (ChannelDefinition channel : CHANNELS) {
      String id = channel.channel().id();
      if (!live.contains(id)) {
        continue;
      }
      for (Setting secret : channel.secrets()) {
        String value = env.getProperty(secret.property(), "");
        if (value.isBlank()) {
          problems.add(secret.names() + " is not set, and " + id + " is live");
        } else if (value.startsWith(DEVELOPMENT_PREFIX)) {
          problems.add(
              secret.names() + " is still the public development default, and " + id + " is live");
        }
      }
      for (Setting required : channel.requiredWhenLive()) {
        if (!set(env, required.property())) {
          problems.add(required.names() + " is not set: " + required.purpose());
        }
      }
    }
    if (SandboxEnabledCondition.explicitlyEnabled(env)) {
      problems.add(
          "SANDBOX_ENABLED is true: the sandbox (whose checkout confirms payments without paying) never"
              + " runs beside a live channel; remove it");
    }
    if (provider.equalsIgnoreCase("sandbox")) {
      problems.add(
          "PAYMENT_PROVIDER is sandbox, the development checkout that confirms payments without paying: set"
              + " PAYMENT_PROVIDER=mercadopago with MERCADOPAGO_ACCESS_TOKEN and MERCADOPAGO_WEBHOOK_SECRET");
    }
    String pixKey = env.getProperty("omnichannel.payment.pix.key", "");
    if (pixKey.isBlank() || new PaymentProperties.Pix(pixKey, null, null).sampleKey()) {
      problems.add(
          "PIX_KEY is the sample restaurant's: set the restaurant's own PIX key (CPF, CNPJ, e-mail,"
              + " phone or random key)");
    }
    if (env.getProperty("omnichannel.payment.pix.merchant-name", "")
        .strip()
        .equalsIgnoreCase(PaymentProperties.Pix.SAMPLE_MERCHANT_NAME)) {
      problems.add(
          "PIX_MERCHANT_NAME is the sample restaurant's: set the receiver's name as the bank shows it");
    }
    if (!set(env, "omnichannel.menu.catalog") && !set(env, "omnichannel.menu.pos-catalog-url")) {
      problems.add(
          "neither MENU_CATALOG nor POS_CATALOG_URL is set: customers would order from the sample"
              + " restaurant's menu");
    }
    for (Setting account : ACCOUNTS) {
      if (env.getProperty(account.property(), "").startsWith(DEVELOPMENT_PREFIX)) {
        problems.add(
            account.names()
                + " is the dev profile's public password: set one, or run without the dev profile");
      }
    }
  }

  /** A channel without its send credential whose other settings are set would stay sandboxed. */
  private static void halfConfigured(
      Environment env, ChannelDefinition channel, List<String> problems) {
    List<String> given = new ArrayList<>();
    for (Setting setting : channel.secrets()) {
      String value = env.getProperty(setting.property(), "");
      if (!value.isBlank() && !value.startsWith(DEVELOPMENT_PREFIX)) {
        given.add(setting.variable());
      }
    }
    for (List<Setting> settings : List.of(channel.requiredWhenLive(), channel.optional())) {
      for (Setting setting : settings) {
        if (set(env, setting.property())) {
          given.add(setting.variable());
        }
      }
    }
    if (!given.isEmpty()) {
      problems.add(
          String.join(", ", given)
              + (given.size() == 1 ? " is" : " are")
              + " set but "
              + channel.sendCredential().names()
              + " is not: "
              + channel.channel().id()
              + " would not be live; set it too, or unset the others to keep "
              + channel.channel().id()
              + " off");
    }
  }

  private static void aliasesAgree(Environment env, Setting setting, List<String> problems) {
    if (setting.alias() == null) {
      return;
    }
    String value = env.getProperty(setting.variable());
    String alias = env.getProperty(setting.alias());
    if (value == null || alias == null || alias.isBlank() || value.equals(alias)) {
      return;
    }
    if (value.isBlank()) {
      // ${MAIN:${ALIAS:}} falls back only when MAIN is absent, so an empty MAIN would hide ALIAS.
      problems.add(
          setting.variable() + " is set but empty, which hides " + setting.alias() + ": unset it");
    } else {
      problems.add(
          setting.variable() + " and " + setting.alias() + " are both set and differ: keep one");
    }
  }

  private static boolean set(Environment env, String property) {
    String value = env.getProperty(property);
    return value != null && !value.isBlank();
  }
}
