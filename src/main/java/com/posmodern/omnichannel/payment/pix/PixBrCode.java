package com.posmodern.omnichannel.payment.pix;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Map;

/**
 * A static PIX BR Code ("copia e cola") as the Banco Central's "Manual de Padrões para Iniciação do
 * Pix" specifies it: EMV TLV fields with the GUI {@code br.gov.bcb.pix} and the key (26), merchant
 * category 0000 (52), currency 986 (53), the amount (54), country BR (58), merchant name ≤25 (59)
 * and city ≤15 (60) without accents, the txid tying the payment to the order (62/05, ≤25 letters
 * and digits), and the CRC16-CCITT-FALSE over everything including {@code 6304} (63).
 *
 * @param key the restaurant's PIX key (e-mail, phone, CPF/CNPJ or random key)
 * @param merchantName the receiver's name
 * @param merchantCity the receiver's city
 * @param amountCents the amount, or null for an open amount
 * @param txid the transaction id, or {@code ***} when none
 */
public record PixBrCode(
    String key, String merchantName, String merchantCity, Long amountCents, String txid) {

  /** The GUI of the PIX arrangement. */
  public static final String GUI = "br.gov.bcb.pix";

  public PixBrCode {
    if (key == null || key.isBlank() || key.length() > 77) {
      throw new IllegalArgumentException("A PIX key of 1 to 77 characters is required");
    }
    merchantName = clean(merchantName, 25);
    merchantCity = clean(merchantCity, 15);
    if (txid == null || txid.isBlank()) {
      txid = "***";
    } else if (!txid.equals("***") && !txid.matches("[A-Za-z0-9]{1,25}")) {
      throw new IllegalArgumentException("A txid has 1 to 25 letters and digits: " + txid);
    }
    if (amountCents != null && amountCents <= 0) {
      throw new IllegalArgumentException("A PIX amount must be positive");
    }
  }

  /** The "copia e cola" payload, CRC included. */
  public String payload() {
    String merchantAccount = EmvTlv.field("00", GUI) + EmvTlv.field("01", key);
    StringBuilder payload =
        new StringBuilder()
            .append(EmvTlv.field("00", "01"))
            .append(EmvTlv.field("26", merchantAccount))
            .append(EmvTlv.field("52", "0000"))
            .append(EmvTlv.field("53", "986"));
    if (amountCents != null) {
      payload.append(EmvTlv.field("54", BigDecimal.valueOf(amountCents, 2).toPlainString()));
    }
    payload
        .append(EmvTlv.field("58", "BR"))
        .append(EmvTlv.field("59", merchantName))
        .append(EmvTlv.field("60", merchantCity))
        .append(EmvTlv.field("62", EmvTlv.field("05", txid)))
        .append("6304");
    return payload + Crc16.of(payload.toString());
  }

  /**
   * Reads a payload back, checking its structure and CRC.
   *
   * @throws IllegalArgumentException when it is not a valid PIX BR Code
   */
  public static PixBrCode parse(String payload) {
    if (payload.length() < 8
        || !payload.substring(payload.length() - 8, payload.length() - 4).equals("6304")) {
      throw new IllegalArgumentException("A BR Code ends with 6304 and its CRC");
    }
    String expected = Crc16.of(payload.substring(0, payload.length() - 4));
    if (!expected.equals(payload.substring(payload.length() - 4))) {
      throw new IllegalArgumentException("CRC mismatch: expected " + expected);
    }
    Map<String, String> fields = EmvTlv.parse(payload);
    Map<String, String> account = EmvTlv.parse(fields.getOrDefault("26", ""));
    if (!"01".equals(fields.get("00")) || !GUI.equalsIgnoreCase(account.get("00"))) {
      throw new IllegalArgumentException("Not a PIX BR Code (field 00 or GUI)");
    }
    if (!"986".equals(fields.get("53")) || !"BR".equals(fields.get("58"))) {
      throw new IllegalArgumentException("A PIX BR Code is in BRL (986) and BR");
    }
    String amount = fields.get("54");
    String txid = EmvTlv.parse(fields.getOrDefault("62", "")).get("05");
    return new PixBrCode(
        account.get("01"),
        fields.get("59"),
        fields.get("60"),
        amount == null ? null : new BigDecimal(amount).movePointRight(2).longValueExact(),
        txid);
  }

  /**
   * Printable ASCII without accents (what payer apps display reliably), cut to the field's limit.
   */
  private static String clean(String text, int max) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("The merchant name and city are required");
    }
    String ascii =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .replaceAll("[^\\x20-\\x7E]", "");
    String trimmed = ascii.strip();
    return trimmed.length() <= max ? trimmed : trimmed.substring(0, max).strip();
  }
}
