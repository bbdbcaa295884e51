package com.posmodern.omnichannel.payment.pix;

import java.nio.charset.StandardCharsets;

/**
 * CRC16-CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection), as the BR Code's field 63 requires.
 */
public final class Crc16 {

  private Crc16() {}

  /** The checksum of the text's UTF-8 bytes as four upper-case hex digits. */
  public static String of(String text) {
    int crc = 0xFFFF;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      crc ^= (b & 0xFF) << 8;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
        crc &= 0xFFFF;
      }
    }
    return String.format("%04X", crc);
  }
}
