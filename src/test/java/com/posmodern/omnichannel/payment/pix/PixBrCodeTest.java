package com.posmodern.omnichannel.payment.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PixBrCodeTest {

  // The example of the Banco Central's "Manual de Padrões para Iniciação do Pix" (static BR Code,
  // random key).
  private static final String BCB_EXAMPLE =
      "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
          + "5913Fulano de Tal6008BRASILIA62070503***63041D3D";

  @Test
  void reproducesTheBancoCentralExampleFromItsInputs() {
    PixBrCode code =
        new PixBrCode(
            "123e4567-e12b-12d1-a456-426655440000", "Fulano de Tal", "BRASILIA", null, "***");

    assertThat(code.payload()).isEqualTo(BCB_EXAMPLE);
  }

  @Test
  void computesCrc16CcittFalseAsTheExampleDoes() {
    assertThat(Crc16.of(BCB_EXAMPLE.substring(0, BCB_EXAMPLE.length() - 4))).isEqualTo("1D3D");
    // The standard check value of CRC-16/CCITT-FALSE.
    assertThat(Crc16.of("123456789")).isEqualTo("29B1");
  }

  @Test
  void anOrdersCodeParsesBackFieldByFieldAndItsCrcVerifies() {
    String payload =
        new PixBrCode(
                "pagamentos@sabordavila.example",
                "Cantina Sabor da Vila",
                "São Paulo",
                12370L,
                "K7Q2M9XD")
            .payload();

    Map<String, String> fields = EmvTlv.parse(payload);
    assertThat(fields.keySet())
        .containsExactly("00", "26", "52", "53", "54", "58", "59", "60", "62", "63");
    assertThat(fields)
        .containsEntry("00", "01")
        .containsEntry("52", "0000")
        .containsEntry("53", "986")
        .containsEntry("54", "123.70")
        .containsEntry("58", "BR")
        .containsEntry("59", "Cantina Sabor da Vila")
        .containsEntry("60", "Sao Paulo");
    assertThat(EmvTlv.parse(fields.get("26")))
        .containsEntry("00", "br.gov.bcb.pix")
        .containsEntry("01", "pagamentos@sabordavila.example");
    assertThat(EmvTlv.parse(fields.get("62"))).containsEntry("05", "K7Q2M9XD");
    assertThat(fields.get("63")).isEqualTo(Crc16.of(payload.substring(0, payload.length() - 4)));
    assertThat(PixBrCode.parse(payload))
        .isEqualTo(
            new PixBrCode(
                "pagamentos@sabordavila.example",
                "Cantina Sabor da Vila",
                "Sao Paulo",
                12370L,
                "K7Q2M9XD"));
  }

  @Test
  void keepsNameAndCityWithinTheirLimitsWithoutAccents() {
    PixBrCode code =
        new PixBrCode(
            "key",
            "Restaurante e Pizzaria Sabor da Vila Madalena",
            "São José dos Campos",
            100L,
            null);

    assertThat(code.merchantName())
        .hasSizeLessThanOrEqualTo(25)
        .isEqualTo("Restaurante e Pizzaria Sa");
    assertThat(code.merchantCity()).hasSizeLessThanOrEqualTo(15).isEqualTo("Sao Jose dos Ca");
    assertThat(code.txid()).isEqualTo("***");
  }

  @Test
  void refusesWhatTheSpecDoesNotAllow() {
    assertThatThrownBy(() -> new PixBrCode("key", "Name", "City", 100L, "has-dash"))
        .hasMessageContaining("txid");
    assertThatThrownBy(() -> new PixBrCode("key", "Name", "City", 0L, null))
        .hasMessageContaining("positive");
    String tampered = BCB_EXAMPLE.replace("Fulano", "Beltra");
    assertThatThrownBy(() -> PixBrCode.parse(tampered)).hasMessageContaining("CRC");
  }
}
