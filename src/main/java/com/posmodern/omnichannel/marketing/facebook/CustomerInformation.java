package com.posmodern.omnichannel.marketing.facebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.marketing.MarketingEvent.CustomerData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Meta's customer information parameters, normalised and SHA-256 hashed exactly as Meta specifies
 * (https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters,
 * checked 2026-11-26): trimmed, lowercase, Unicode NFC (Meta's own example hashes "Valéry" with its
 * precomposed é), then each field's rule. A field that is blank or cannot be normalised is left out
 * rather than sent wrong. Values that already are SHA-256 hex pass unchanged.
 */
public final class CustomerInformation {

  private static final Pattern SHA256_HEX = Pattern.compile("^[a-f0-9]{64}$");
  // Meta's Java SDK's e-mail check (ServerSideApiUtil), so what it refuses we do not send either.
  private static final Pattern EMAIL =
      Pattern.compile(
          "^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@((\\[[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\])|(([a-z\\-0-9]+\\.)+[a-z]{2,}))$");
  private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}\\p{M}]");
  private static final Pattern NOT_A_TO_Z = Pattern.compile("[^a-z]");
  private static final Pattern NOT_A_DIGIT = Pattern.compile("\\D");
  private static final Pattern SPACES_AND_DASHES = Pattern.compile("[\\s\\-]");
  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Map<String, String> COUNTRY_NAMES = countryNames();
  private static final Map<String, String> BRAZILIAN_STATES = brazilianStates();

  private final String defaultCallingCode;
  private final String defaultCountry;

  /**
   * @param defaultCallingCode added to national phone numbers (Meta: "Always include the country
   *     code"): {@code 55} for Brazil
   * @param defaultCountry ISO 3166-1 alpha-2 country of customers whose country is not known
   */
  public CustomerInformation(String defaultCallingCode, String defaultCountry) {
    this.defaultCallingCode = defaultCallingCode;
    this.defaultCountry = defaultCountry.toLowerCase(Locale.ROOT);
  }

  /** Brazil: calling code 55, country br. */
  public static CustomerInformation brazil() {
    return new CustomerInformation("55", "br");
  }

  /**
   * Adds the hashed fields Meta matches on to {@code userData}: em, ph, fn, ln, ge, db, ct, st, zp,
   * country, external_id. The country falls back to the default one.
   */
  public void addHashed(CustomerData customer, ObjectNode userData) {
    String country = country(customer.country());
    if (country == null) {
      country = defaultCountry;
    }
    put(userData, "em", email(customer.email()));
    put(userData, "ph", phone(customer.phone()));
    put(userData, "fn", name(customer.firstName()));
    put(userData, "ln", name(customer.lastName()));
    put(userData, "ge", gender(customer.gender()));
    put(
        userData,
        "db",
        customer.dateOfBirth() == null ? null : customer.dateOfBirth().format(YYYYMMDD));
    put(userData, "ct", city(customer.city()));
    put(userData, "st", state(customer.state()));
    put(userData, "zp", zip(customer.zip(), country));
    put(userData, "country", country);
    put(userData, "external_id", externalId(customer.externalId()));
  }

  private static void put(ObjectNode userData, String field, String normalised) {
    if (normalised != null && !normalised.isEmpty()) {
      userData.put(field, sha256(normalised));
    }
  }

  /** SHA-256 of the UTF-8 bytes, lowercase hex; an already hashed value unchanged. */
  public static String sha256(String normalised) {
    if (SHA256_HEX.matcher(normalised).matches()) {
      return normalised;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** Trimmed, lowercase, NFC; null when blank. */
  static String basic(String value) {
    if (value == null) {
      return null;
    }
    String basic =
        Normalizer.normalize(value.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    return basic.isEmpty() ? null : basic;
  }

  /** em: "Trim any leading and trailing spaces. Convert all characters to lowercase." */
  public static String email(String value) {
    String email = basic(value);
    return email == null || !(EMAIL.matcher(email).matches() || isHashed(email)) ? null : email;
  }

  /**
   * ph: "Remove symbols, letters, and any leading zeros. Phone numbers must include a country
   * code": a Brazilian national number (area code and number, 10 or 11 digits, maybe after a trunk
   * 0) gets 55; an international one (+ or 00) keeps its own. 7 to 15 digits (E.164), else left
   * out.
   */
  public String phone(String value) {
    String phone = basic(value);
    if (phone == null) {
      return null;
    }
    if (isHashed(phone)) {
      return phone;
    }
    boolean international = phone.startsWith("+") || phone.startsWith("00");
    String digits = NOT_A_DIGIT.matcher(phone).replaceAll("").replaceFirst("^0+", "");
    if (!international && (digits.length() == 10 || digits.length() == 11)) {
      digits = defaultCallingCode + digits;
    }
    return digits.length() >= 7 && digits.length() <= 15 ? digits : null;
  }

  /**
   * fn, ln: "Lowercase only with no punctuation. If using special characters, the text must be
   * encoded in UTF-8": letters (accents kept) only, no spaces or punctuation.
   */
  public static String name(String value) {
    String name = basic(value);
    return name == null || isHashed(name) ? name : NOT_A_LETTER.matcher(name).replaceAll("");
  }

  /** ge: "gender in the form of an initial in lowercase": f or m. */
  public static String gender(String value) {
    String gender = basic(value);
    if (gender == null) {
      return null;
    }
    return switch (gender) {
      case "f", "female", "feminino", "mulher" -> "f";
      case "m", "male", "masculino", "homem" -> "m";
      default -> null;
    };
  }

  /**
   * ct: "Lowercase only with no punctuation, no special characters, and no spaces. If using special
   * characters, the text must be encoded in UTF-8": letters (accents kept, as Meta's Java SDK keeps
   * "sanjosé") only.
   */
  public static String city(String value) {
    String city = basic(value);
    return city == null || isHashed(city) ? city : NOT_A_LETTER.matcher(city).replaceAll("");
  }

  /**
   * st: "the 2-character ANSI abbreviation code in lowercase. Normalize states outside the U.S. in
   * lowercase with no punctuation, no special characters, and no spaces": a Brazilian state named
   * in full becomes its two-letter code (São Paulo → sp); anything else keeps its letters a-z.
   */
  public static String state(String value) {
    String state = basic(value);
    if (state == null || isHashed(state)) {
      return state;
    }
    String plain = NOT_A_TO_Z.matcher(withoutAccents(state)).replaceAll("");
    return BRAZILIAN_STATES.getOrDefault(plain, plain.isEmpty() ? null : plain);
  }

  /**
   * zp: "Use lowercase with no spaces and no dash. Use only the first 5 digits for U.S. zip codes":
   * a CEP keeps its 8 digits (01310-100 → 01310100).
   */
  public static String zip(String value, String country) {
    String zip = basic(value);
    if (zip == null || isHashed(zip)) {
      return zip;
    }
    if ("us".equals(country)) {
      zip = zip.split("-", 2)[0];
      zip = SPACES_AND_DASHES.matcher(zip).replaceAll("");
      return zip.length() > 5 ? zip.substring(0, 5) : zip;
    }
    zip = SPACES_AND_DASHES.matcher(zip).replaceAll("");
    return zip.length() < 2 ? null : zip;
  }

  /**
   * country: "the lowercase, 2-letter country codes in ISO 3166-1 alpha-2": a code, or a country's
   * name in English or Portuguese; null when it is neither.
   */
  public static String country(String value) {
    String country = basic(value);
    if (country == null || isHashed(country)) {
      return country;
    }
    String letters = NOT_A_TO_Z.matcher(withoutAccents(country)).replaceAll("");
    if (letters.length() == 2 && COUNTRIES.contains(letters.toUpperCase(Locale.ROOT))) {
      return letters;
    }
    return COUNTRY_NAMES.get(letters);
  }

  /** external_id: hashed as Meta recommends, trimmed and lowercase without spaces. */
  public static String externalId(String value) {
    String id = basic(value);
    return id == null ? null : id.replaceAll("\\s", "");
  }

  private static boolean isHashed(String value) {
    return SHA256_HEX.matcher(value).matches();
  }

  private static String withoutAccents(String value) {
    return Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }

  private static Map<String, String> countryNames() {
    Map<String, String> names = new HashMap<>();
    for (String code : Locale.getISOCountries()) {
      Locale locale = new Locale.Builder().setRegion(code).build();
      for (Locale language : new Locale[] {Locale.ENGLISH, Locale.forLanguageTag("pt-BR")}) {
        String name =
            NOT_A_TO_Z
                .matcher(
                    withoutAccents(locale.getDisplayCountry(language).toLowerCase(Locale.ROOT)))
                .replaceAll("");
        names.putIfAbsent(name, code.toLowerCase(Locale.ROOT));
      }
    }
    names.put("usa", "us");
    names.put("unitedstatesofamerica", "us");
    names.put("brasil", "br");
    return Map.copyOf(names);
  }

  private static Map<String, String> brazilianStates() {
    String[][] states = {
      {"acre", "ac"},
      {"alagoas", "al"},
      {"amapa", "ap"},
      {"amazonas", "am"},
      {"bahia", "ba"},
      {"ceara", "ce"},
      {"distritofederal", "df"},
      {"espiritosanto", "es"},
      {"goias", "go"},
      {"maranhao", "ma"},
      {"matogrosso", "mt"},
      {"matogrossodosul", "ms"},
      {"minasgerais", "mg"},
      {"para", "pa"},
      {"paraiba", "pb"},
      {"parana", "pr"},
      {"pernambuco", "pe"},
      {"piaui", "pi"},
      {"riodejaneiro", "rj"},
      {"riograndedonorte", "rn"},
      {"riograndedosul", "rs"},
      {"rondonia", "ro"},
      {"roraima", "rr"},
      {"santacatarina", "sc"},
      {"saopaulo", "sp"},
      {"sergipe", "se"},
      {"tocantins", "to"}
    };
    Map<String, String> map = new HashMap<>();
    for (String[] state : states) {
      map.put(state[0], state[1]);
    }
    return Map.copyOf(map);
  }
}
