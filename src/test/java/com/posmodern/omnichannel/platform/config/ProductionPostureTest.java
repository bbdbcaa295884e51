package com.posmodern.omnichannel.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * What may start, read through the real application.yml (and application-dev.yml where the dev
 * profile matters) with the environment variables people set: the sandbox starts with nothing set;
 * once a channel is live, every development default is named as a setting to set.
 */
class ProductionPostureTest {

  /** What a WhatsApp-only restaurant sets, in full. */
  private static final Map<String, String> WHATSAPP_RESTAURANT =
      Map.of(
          "TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
          "TWILIO_AUTH_TOKEN", "the-real-token",
          "TWILIO_PHONE_NUMBER", "+5511999990000",
          "PIX_KEY", "12345678000195",
          "PIX_MERCHANT_NAME", "Pizzaria do Bairro",
          "PIX_MERCHANT_CITY", "Campinas",
          "PAYMENT_PROVIDER", "mercadopago",
          "MERCADOPAGO_ACCESS_TOKEN", "APP_USR-1",
          "MERCADOPAGO_WEBHOOK_SECRET", "mp-secret",
          "MENU_CATALOG", "file:/etc/omnichannel/menu.json");

  @Test
  void theSandboxStartsWithNothingSet() {
    assertThat(ProductionPosture.problems(environment(Map.of(), false))).isEmpty();
  }

  @Test
  void aCompleteWhatsAppOnlyRestaurantStarts() {
    assertThat(ProductionPosture.problems(environment(WHATSAPP_RESTAURANT, false))).isEmpty();
  }

  @Test
  void aWhatsAppOnlyRestaurantOnDevelopmentDefaultsIsToldEverySettingToSet() {
    List<String> problems =
        ProductionPosture.problems(
            environment(Map.of("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef"), true));

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("TWILIO_AUTH_TOKEN is still the public development default"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("TWILIO_PHONE_NUMBER (or TWILIO_WHATSAPP_NUMBER) is not set"))
        .anySatisfy(p -> assertThat(p).startsWith("PAYMENT_PROVIDER is sandbox"))
        .anySatisfy(p -> assertThat(p).startsWith("PIX_KEY is the sample restaurant's"))
        .anySatisfy(p -> assertThat(p).startsWith("PIX_MERCHANT_NAME is the sample restaurant's"))
        .anySatisfy(
            p -> assertThat(p).startsWith("neither MENU_CATALOG nor POS_CATALOG_URL is set"))
        .anySatisfy(p -> assertThat(p).startsWith("OPERATOR_PASSWORD is the dev profile's"))
        .anySatisfy(p -> assertThat(p).startsWith("POS_API_PASSWORD is the dev profile's"))
        .anySatisfy(p -> assertThat(p).startsWith("AGENT_PASSWORD is the dev profile's"));
    // Messenger and Instagram are off, not live: their development secrets are not in question.
    assertThat(problems).noneMatch(p -> p.contains("MESSENGER") || p.contains("INSTAGRAM"));
  }

  @Test
  void theSandboxIsNeverAskedForBesideALiveChannel() {
    Map<String, String> env = new HashMap<>(WHATSAPP_RESTAURANT);
    env.put("SANDBOX_ENABLED", "true");

    assertThat(ProductionPosture.problems(environment(env, false)))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("SANDBOX_ENABLED is true"));
  }

  @Test
  void theFacebookNamesPeopleSetAreAcceptedForMessenger() {
    Map<String, String> env = new HashMap<>(WHATSAPP_RESTAURANT);
    env.remove("TWILIO_ACCOUNT_SID");
    env.remove("TWILIO_AUTH_TOKEN");
    env.remove("TWILIO_PHONE_NUMBER");
    env.put("FACEBOOK_PAGE_ACCESS_TOKEN", "EAAreal");
    env.put("FACEBOOK_APP_SECRET", "real-app-secret");
    env.put("FACEBOOK_VERIFY_TOKEN", "real-verify-token");
    StandardEnvironment environment = environment(env, false);

    assertThat(ProductionPosture.problems(environment)).isEmpty();
    assertThat(environment.getProperty("omnichannel.messenger.access-token")).isEqualTo("EAAreal");
    assertThat(environment.getProperty("omnichannel.messenger.app-secret"))
        .isEqualTo("real-app-secret");
    assertThat(environment.getProperty("omnichannel.messenger.verify-token"))
        .isEqualTo("real-verify-token");
  }

  @Test
  void twilioWhatsAppNumberIsAcceptedForTheSender() {
    Map<String, String> env = new HashMap<>(WHATSAPP_RESTAURANT);
    env.remove("TWILIO_PHONE_NUMBER");
    env.put("TWILIO_WHATSAPP_NUMBER", "whatsapp:+5511999990000");
    StandardEnvironment environment = environment(env, false);

    assertThat(ProductionPosture.problems(environment)).isEmpty();
    assertThat(environment.getProperty("omnichannel.whatsapp.phone-number"))
        .isEqualTo("whatsapp:+5511999990000");
  }

  @Test
  void twoSpellingsOfOneSettingThatDisagreeAreRefused() {
    Map<String, String> env = new HashMap<>(WHATSAPP_RESTAURANT);
    env.put("MESSENGER_ACCESS_TOKEN", "EAAone");
    env.put("FACEBOOK_PAGE_ACCESS_TOKEN", "EAAother");
    env.put("MESSENGER_APP_SECRET", "real-app-secret");
    env.put("MESSENGER_VERIFY_TOKEN", "real-verify-token");

    assertThat(ProductionPosture.problems(environment(env, false)))
        .containsExactly(
            "MESSENGER_ACCESS_TOKEN and FACEBOOK_PAGE_ACCESS_TOKEN are both set and differ: keep one");
  }

  @Test
  void anEmptyMainNameThatWouldHideItsAliasIsRefused() {
    Map<String, String> env = new HashMap<>(WHATSAPP_RESTAURANT);
    env.put("MESSENGER_ACCESS_TOKEN", "");
    env.put("FACEBOOK_PAGE_ACCESS_TOKEN", "EAAreal");

    assertThat(ProductionPosture.problems(environment(env, false)))
        .containsExactly(
            "MESSENGER_ACCESS_TOKEN is set but empty, which hides FACEBOOK_PAGE_ACCESS_TOKEN: unset it");
  }

  @Test
  void aHalfConfiguredChannelIsRefusedInsteadOfStayingInTheSandbox() {
    List<String> problems =
        ProductionPosture.problems(
            environment(
                Map.of("FACEBOOK_APP_SECRET", "real-app-secret", "MESSENGER_PAGE_ID", "123"),
                false));

    assertThat(problems)
        .containsExactly(
            "MESSENGER_APP_SECRET, MESSENGER_PAGE_ID are set but MESSENGER_ACCESS_TOKEN (or"
                + " FACEBOOK_PAGE_ACCESS_TOKEN) is not: messenger would not be live; set it too, or"
                + " unset the others to keep messenger off");
  }

  @Test
  void mercadoPagoNeedsItsTokenAndSecretEvenInDevelopment() {
    assertThat(
            ProductionPosture.problems(
                environment(Map.of("PAYMENT_PROVIDER", "mercadopago"), false)))
        .containsExactly(
            "MERCADOPAGO_ACCESS_TOKEN is not set: PAYMENT_PROVIDER=mercadopago needs it",
            "MERCADOPAGO_WEBHOOK_SECRET is not set: PAYMENT_PROVIDER=mercadopago needs it");
  }

  @Test
  void aPosCatalogAloneIsAMenu() {
    Map<String, String> env = new HashMap<>(WHATSAPP_RESTAURANT);
    env.remove("MENU_CATALOG");
    env.put("POS_CATALOG_URL", "http://pos.local/catalog");

    assertThat(ProductionPosture.problems(environment(env, false))).isEmpty();
  }

  @Test
  void theRefusalReadsAsSpringBootsStartUpFailureReport() {
    UnsafeConfigurationException refused =
        new UnsafeConfigurationException(
            List.of("whatsapp"), List.of("PAYMENT_PROVIDER is sandbox, the development checkout"));

    var analysis = new UnsafeConfigurationFailureAnalyzer().analyze(refused);

    assertThat(analysis.getDescription())
        .isEqualTo(
            "Live channel(s) whatsapp would serve real customers with settings meant for development"
                + " only:\n  - PAYMENT_PROVIDER is sandbox, the development checkout");
    assertThat(analysis.getAction()).contains("Set the settings named above");
  }

  /**
   * application.yml (and application-dev.yml, as ./mvnw spring-boot:run loads it) with these
   * environment variables and nothing from this machine's own environment.
   */
  private static StandardEnvironment environment(Map<String, String> variables, boolean dev) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("variables", Map.copyOf(variables)));
    try {
      YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
      if (dev) {
        for (PropertySource<?> source :
            yaml.load("dev", new ClassPathResource("application-dev.yml"))) {
          environment.getPropertySources().addLast(source);
        }
      }
      for (PropertySource<?> source :
          yaml.load("application", new ClassPathResource("application.yml"))) {
        environment.getPropertySources().addLast(source);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return environment;
  }
}
