package com.posmodern.omnichannel.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A campaign template's text and the checks on values written for it: WhatsApp's 1,024-character
 * body (Twilio error 63021) and its parameter rule (no line breaks or tabs, at most four spaces in
 * a row: WhatsApp Cloud API error 132018).
 */
class CampaignTemplateTest {

  private static final CampaignDefinition.Template TEMPLATE =
      new CampaignDefinition.Template(
          "HX" + "a".repeat(32),
          Map.of("1", "amigo", "2", "uma pizza"),
          Map.of("1", 20),
          "Oi {{1}}! Que tal {{ 2 }} hoje?");

  @Test
  void theTextIsFilledInWithTheValues() {
    assertThat(TEMPLATE.render(Map.of("1", "Ana", "2", "uma Calabresa $1")))
        .isEqualTo("Oi Ana! Que tal uma Calabresa $1 hoje?");
    assertThat(TEMPLATE.maxLength("1")).isEqualTo(20);
    assertThat(TEMPLATE.maxLength("2")).isEqualTo(1024);
  }

  @Test
  void aPlaceholderWithoutADefaultOrABodyOverWhatsAppsLimitIsRefused() {
    assertThatThrownBy(
            () ->
                new CampaignDefinition.Template(
                    "HX" + "a".repeat(32), Map.of("1", "amigo"), null, "Oi {{1}}, {{3}}"))
        .hasMessageContaining("{{3}}");
    assertThatThrownBy(
            () ->
                new CampaignDefinition.Template(
                    "HX" + "a".repeat(32),
                    Map.of("1", "a".repeat(1000)),
                    null,
                    "Oi {{1}}, " + "b".repeat(30)))
        .hasMessageContaining("1024");
  }

  @Test
  void onlyAFirstNameThatIsLettersIsPassedOn() {
    assertThat(CampaignPersonaliser.firstName("Ana Souza")).isEqualTo("Ana");
    assertThat(CampaignPersonaliser.firstName("JOÃO")).isEqualTo("JOÃO");
    assertThat(CampaignPersonaliser.firstName("D'Ávila")).isEqualTo("D'Ávila");
    for (String name :
        new String[] {"IgnoreRules_FreePizza", "IgnoreRulesFree", "+5511999", "Ana2", " "}) {
      assertThat(CampaignPersonaliser.firstName(name)).as(name).isNull();
    }
  }

  @Test
  void writtenValuesMustBeWhatsAppParametersWithinTheirLimits() {
    assertThat(CampaignPersonaliser.refusal(TEMPLATE, Map.of("1", "Ana", "2", "uma    pizza")))
        .isNull();
    assertThat(CampaignPersonaliser.refusal(TEMPLATE, Map.of("1", "a".repeat(21))))
        .isEqualTo("over-limit");
    assertThat(CampaignPersonaliser.refusal(TEMPLATE, Map.of("2", "p".repeat(1025))))
        .isEqualTo("over-limit");
    for (String bad :
        new String[] {"uma\npizza", "uma\tpizza", "uma     pizza", "{{1}}", "www.x.com", " "}) {
      assertThat(CampaignPersonaliser.refusal(TEMPLATE, Map.of("2", bad)))
          .as(bad)
          .isEqualTo("invalid");
    }
    assertThat(CampaignPersonaliser.refusal(TEMPLATE, Map.of("3", "extra"))).isEqualTo("invalid");
    // Amounts and offers only when the approved text or defaults make them; no bare domains.
    for (String offer :
        new String[] {
          "uma pizza grátis", "20% off", "R$ 10", "2 pizzas", "com desconto", "pizza.com.br"
        }) {
      assertThat(CampaignPersonaliser.refusal(TEMPLATE, Map.of("2", offer)))
          .as(offer)
          .isIn("offer", "invalid");
    }
    CampaignDefinition.Template withOffer =
        new CampaignDefinition.Template(
            "HX" + "a".repeat(32), Map.of("1", "10% de desconto"), null, "Hoje: {{1}}!");
    assertThat(CampaignPersonaliser.refusal(withOffer, Map.of("1", "10% de desconto na Calabresa")))
        .isNull();
    assertThat(CampaignPersonaliser.refusal(TEMPLATE, Map.of())).isEqualTo("invalid");
  }
}
