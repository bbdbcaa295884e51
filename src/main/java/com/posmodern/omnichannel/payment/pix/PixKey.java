package com.posmodern.omnichannel.payment.pix;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The five kinds of PIX key of the Central Bank's DICT (Manual de Padrões para Iniciação do Pix,
 * "Chaves Pix"): CPF (11 digits) and CNPJ (14 digits) with valid check digits, e-mail (≤77
 * characters), phone ({@code +55} with area code and number) and random key (EVP, a UUID). Used by
 * the validator to check {@code PIX_KEY}.
 */
public final class PixKey {

  /** The kind of a well-formed key. */
  public enum Type {
    CPF,
    CNPJ,
    EMAIL,
    PHONE,
    EVP
  }

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+55[1-9][0-9]9?[0-9]{8}");
  private static final Pattern EVP =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private PixKey() {}

  /** The kind of key, or empty when the key is none of them (or its check digits are wrong). */
  public static Optional<Type> type(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String k = key.strip();
    if (k.matches("[0-9]{11}") && checkDigitsOk(k, new int[] {11, 10, 9, 8, 7, 6, 5, 4, 3, 2})) {
      return Optional.of(Type.CPF);
    }
    if (k.matches("[0-9]{14}")
        && checkDigitsOk(k, new int[] {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2})) {
      return Optional.of(Type.CNPJ);
    }
    if (PHONE.matcher(k).matches()) {
      return Optional.of(Type.PHONE);
    }
    if (EVP.matcher(k).matches()) {
      return Optional.of(Type.EVP);
    }
    if (k.length() <= 77 && EMAIL.matcher(k).matches()) {
      return Optional.of(Type.EMAIL);
    }
    return Optional.empty();
  }

  /**
   * The two modulo-11 check digits of a CPF or CNPJ: the first over the leading digits with the
   * weights after the first, the second over those plus the first check digit with all of them.
   */
  private static boolean checkDigitsOk(String digits, int[] weights) {
    if (digits.chars().distinct().count() == 1) {
      return false; // 000.000.000-00 and the like pass the arithmetic but are never issued
    }
    int n = weights.length - 1;
    return digits.charAt(n) - '0' == checkDigit(digits, n, weights, 1)
        && digits.charAt(n + 1) - '0' == checkDigit(digits, n + 1, weights, 0);
  }

  private static int checkDigit(String digits, int length, int[] weights, int offset) {
    int sum = 0;
    for (int i = 0; i < length; i++) {
      sum += (digits.charAt(i) - '0') * weights[i + offset];
    }
    int rest = sum % 11;
    return rest < 2 ? 0 : 11 - rest;
  }
}
