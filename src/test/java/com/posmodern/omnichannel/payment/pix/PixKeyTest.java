package com.posmodern.omnichannel.payment.pix;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.payment.pix.PixKey.Type;
import org.junit.jupiter.api.Test;

/** The validator's reading of PIX_KEY: the DICT's five kinds, check digits included. */
class PixKeyTest {

  @Test
  void theCentralBanksBrCodeExampleKeyIsARandomKey() {
    // The key of the Banco Central's BR Code example (PixBrCodeTest).
    assertThat(PixKey.type("123e4567-e12b-12d1-a456-426655440000")).contains(Type.EVP);
  }

  @Test
  void cpfAndCnpjNeedTheirCheckDigits() {
    assertThat(PixKey.type("52998224725")).contains(Type.CPF);
    assertThat(PixKey.type("52998224724")).isEmpty();
    assertThat(PixKey.type("11222333000181")).contains(Type.CNPJ);
    assertThat(PixKey.type("11222333000182")).isEmpty();
    assertThat(PixKey.type("00000000000")).isEmpty();
    assertThat(PixKey.type("529.982.247-25")).as("digits only, as the DICT stores it").isEmpty();
  }

  @Test
  void phonesAreE164BrazilianNumbers() {
    assertThat(PixKey.type("+5511987654321")).contains(Type.PHONE);
    assertThat(PixKey.type("+551133334444")).contains(Type.PHONE);
    assertThat(PixKey.type("11987654321"))
        .as("an 11-digit number reads as a CPF or nothing")
        .isNotEqualTo(java.util.Optional.of(Type.PHONE));
    assertThat(PixKey.type("+14155238886")).isEmpty();
  }

  @Test
  void emailsUpTo77Characters() {
    assertThat(PixKey.type("pagamentos@pizzaria.com.br")).contains(Type.EMAIL);
    assertThat(PixKey.type("a".repeat(70) + "@x.com.br")).isEmpty();
    assertThat(PixKey.type("not a key")).isEmpty();
    assertThat(PixKey.type(null)).isEmpty();
  }
}
