package com.posmodern.omnichannel.payment.pix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EMV® QRCPS data objects a BR Code is made of: a two-digit id, a two-digit length and the
 * value, nested for templates (26 merchant account, 62 additional data).
 */
public final class EmvTlv {

  private EmvTlv() {}

  /** One data object: id, zero-padded length, value. */
  public static String field(String id, String value) {
    int length = value.length();
    if (length > 99) {
      throw new IllegalArgumentException("EMV field " + id + " is longer than 99 characters");
    }
    return id + String.format("%02d", length) + value;
  }

  /** Parses one level of data objects, in order; nested templates stay as their raw value. */
  public static Map<String, String> parse(String payload) {
    Map<String, String> fields = new LinkedHashMap<>();
    int i = 0;
    while (i < payload.length()) {
      if (i + 4 > payload.length()) {
        throw new IllegalArgumentException("Truncated EMV field at position " + i);
      }
      String id = payload.substring(i, i + 2);
      int length = Integer.parseInt(payload.substring(i + 2, i + 4));
      if (i + 4 + length > payload.length()) {
        throw new IllegalArgumentException("EMV field " + id + " runs past the end");
      }
      fields.put(id, payload.substring(i + 4, i + 4 + length));
      i += 4 + length;
    }
    return fields;
  }
}
