package com.posmodern.omnichannel.marketing.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.marketing.MarketingEvent.CustomerData;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Normalisation and hashing against the examples Meta publishes and the official business SDKs'
 * tests, and the Brazilian cases this product meets (numbers with and without 55, CEPs, names and
 * cities with accents).
 */
class CustomerInformationTest {

  private final CustomerInformation br = CustomerInformation.brazil();

  /**
   * The "Expected SHA256 output" of Meta's customer information parameters page
   * (https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters).
   */
  @Nested
  class MetasPublishedExamples {

    @Test
    void email() {
      assertThat(hash(CustomerInformation.email("John_Smith@gmail.com")))
          .isEqualTo("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f");
    }

    @Test
    void phoneWithItsCountryCode() {
      // Meta's US example: (650)555-1212 with its country code 1.
      assertThat(br.phone("+1 (650)555-1212")).isEqualTo("16505551212");
      assertThat(hash(br.phone("+1 (650)555-1212")))
          .isEqualTo("e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
    }

    @Test
    void namesIncludingAccentsAndOtherScripts() {
      assertThat(hash(CustomerInformation.name("Mary")))
          .isEqualTo("6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec");
      assertThat(hash(CustomerInformation.name("정")))
          .isEqualTo("8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14");
      assertThat(hash(CustomerInformation.name("Valéry")))
          .isEqualTo("08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c");
      // The same name typed with a combining accent (NFD) hashes the same: NFC first.
      assertThat(hash(CustomerInformation.name("Vale\u0301ry")))
          .isEqualTo("08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c");
    }

    @Test
    void dateOfBirth() {
      ObjectNode userData = new ObjectMapper().createObjectNode();
      br.addHashed(
          new CustomerData(
              null,
              null,
              null,
              null,
              null,
              LocalDate.of(1997, 2, 16),
              null,
              null,
              null,
              null,
              null),
          userData);
      assertThat(userData.path("db").asText())
          .isEqualTo("01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c");
    }

    @Test
    void countryByName() {
      assertThat(CustomerInformation.country("United States")).isEqualTo("us");
      assertThat(hash(CustomerInformation.country("United States")))
          .isEqualTo("79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621");
    }
  }

  /**
   * The official SDKs' normalisation tests (facebook-java-business-sdk ServerSideNormalizationTest,
   * facebook-php-business-sdk ServerSideNormalizeTest, facebook-ruby-business-sdk util_spec,
   * capi-param-builder PIIUtilsTest).
   */
  @Nested
  class BusinessSdkTests {

    @ParameterizedTest
    @CsvSource({
      "'  foo@foo.com  ', foo@foo.com",
      "foo@test.COM, foo@test.com",
      "'  Test.User@Example.COM  ', test.user@example.com"
    })
    void emails(String input, String normalised) {
      assertThat(CustomerInformation.email(input)).isEqualTo(normalised);
    }

    @Test
    void invalidEmailsAreNotSent() {
      assertThat(CustomerInformation.email("TEST")).isNull();
      assertThat(CustomerInformation.email("invalid-email")).isNull();
      assertThat(CustomerInformation.email(" \t ")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
      "+442071838750, 442071838750",
      "'+1 (555) 123-4567', 15551234567",
      "'+1-234-567-8900', 12345678900",
      "'+001 (616) 954-78 88', 16169547888",
      "'+44 20 1234 5678', 442012345678"
    })
    void internationalPhones(String input, String normalised) {
      assertThat(br.phone(input)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource({
      "Menlo Park, menlopark, 0007a3d64c01e23d5075203c5977c14e4f7e01a3fc570686fcc50b5e1dd42685",
      "'London  ', london,",
      "Stanley Park 1234, stanleypark, 672bffb0f5e4bfa40cda789eac122c0c31711deb4627238c69cbe45af7ec3c94",
      "San José, sanjosé, fcc7b12e619d7e36782eeba767f24c4fe9dd54a931994e68c515be24bd046b59",
      "Washington D.C, washingtondc, 911fa18df8b2a4ff2652c32a0efa25516115d6fb0170849a41f38113e5371fe0"
    })
    void cities(String input, String normalised, String sha256) {
      assertThat(CustomerInformation.city(input)).isEqualTo(normalised);
      if (sha256 != null) {
        assertThat(hash(CustomerInformation.city(input))).isEqualTo(sha256);
      }
    }

    @ParameterizedTest
    @CsvSource({
      "California, california, 7e8eea5cc60980270c9ceb75ce8c087d48d726110fd3d17921f774eefd8e18d8",
      "North Carolina, northcarolina, 20d74484bed873520373de5f83d8b34125f29c250bfbedaef3f46f5154f0c279",
      "'Washington, D.C.', washingtondc, 911fa18df8b2a4ff2652c32a0efa25516115d6fb0170849a41f38113e5371fe0",
      "Rhode Island, rhodeisland,"
    })
    void states(String input, String normalised, String sha256) {
      assertThat(CustomerInformation.state(input)).isEqualTo(normalised);
      if (sha256 != null) {
        assertThat(hash(CustomerInformation.state(input))).isEqualTo(sha256);
      }
    }

    @ParameterizedTest
    @CsvSource({
      "'98 121-9431', us, 98121, a77c0363c8e376696caa1c871266c54476d5ac554bfd6eeb4f42f6a8d607e8fe",
      "'  98121', us, 98121, a77c0363c8e376696caa1c871266c54476d5ac554bfd6eeb4f42f6a8d607e8fe",
      "12345-67890, us, 12345, 5994471abb01112afcc18159f6cc74b4f511b99806da59b3caf5a9c173cacfc5",
      "NR9 5AL, gb, nr95al, 1d62287dd0994fc3728f000dea1ee560d7a81120de2a911871adbad59d64701d"
    })
    void zips(String input, String country, String normalised, String sha256) {
      assertThat(CustomerInformation.zip(input, country)).isEqualTo(normalised);
      assertThat(hash(CustomerInformation.zip(input, country))).isEqualTo(sha256);
    }

    @ParameterizedTest
    @CsvSource({"US, us", "'     US   ', us", "US!, us", "Germany, de", "'  United States  ', us"})
    void countries(String input, String normalised) {
      assertThat(CustomerInformation.country(input)).isEqualTo(normalised);
    }

    @Test
    void unknownCountriesAreNotSent() {
      assertThat(CustomerInformation.country("*****UU*****")).isNull();
      assertThat(CustomerInformation.country("Atlantis")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"F, f", "'  Female  ', f", "'  Male  ', m", "feminino, f"})
    void genders(String input, String normalised) {
      assertThat(CustomerInformation.gender(input)).isEqualTo(normalised);
    }

    @Test
    void genderOutsideFAndMIsNotSent() {
      assertThat(CustomerInformation.gender("unknown")).isNull();
    }

    @Test
    void namesAndIds() {
      assertThat(CustomerInformation.name("   Smith   ")).isEqualTo("smith");
      assertThat(hash(CustomerInformation.name("John")))
          .isEqualTo("96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a");
      assertThat(hash(CustomerInformation.name("  John Smith  ")))
          .isEqualTo("45358dd8587f2de278ec7411a560bae78720c13aaa369d0cd95b67715adb445c");
      assertThat(hash(CustomerInformation.externalId("  Customer123  ")))
          .isEqualTo("b041c0aeb35bb0fa4aa668ca5a920b590196fdaf9a00eb852c9b7f4d123cc6d6");
    }

    @Test
    void alreadyHashedValuesAreNotHashedAgain() {
      String hashed = "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f";
      assertThat(CustomerInformation.sha256(hashed)).isEqualTo(hashed);
      assertThat(hash(CustomerInformation.email(hashed.toUpperCase()))).isEqualTo(hashed);
    }

    @Test
    void sha256OfKnownStrings() {
      assertThat(CustomerInformation.sha256("test-string"))
          .isEqualTo("ffe65f1d98fafedea3514adc956c8ada5980c6c5d2552fd61f48401aefd5c00e");
    }
  }

  /**
   * Brazilian customers: Meta's rules applied to the numbers, CEPs, names and places this product
   * meets (hashes computed with {@code printf '%s' … | sha256sum}).
   */
  @Nested
  class BrazilianCustomers {

    @ParameterizedTest
    @CsvSource({
      "+5511987654321",
      "whatsapp:+5511987654321",
      "'+55 (11) 98765-4321'",
      "'(11) 98765-4321'",
      "11987654321",
      "'011 98765-4321'",
      "005511987654321"
    })
    void aMobileNumberHashesTheSameHoweverItIsWritten(String input) {
      assertThat(br.phone(input)).isEqualTo("5511987654321");
      assertThat(hash(br.phone(input)))
          .isEqualTo("029c7290f14c4516673508635f0519db95f7daf42057fd0e4ad1de84c5408a66");
    }

    @Test
    void aLandlineGets55Too() {
      assertThat(br.phone("(11) 3456-7890")).isEqualTo("551134567890");
    }

    @Test
    void tooShortOrTooLongNumbersAreNotSent() {
      assertThat(br.phone("12345")).isNull();
      assertThat(br.phone("1234567890123456")).isNull();
    }

    @Test
    void aCepKeepsAllEightDigits() {
      assertThat(CustomerInformation.zip("01310-100", "br")).isEqualTo("01310100");
      assertThat(hash(CustomerInformation.zip(" 01310-100 ", "br")))
          .isEqualTo("9a4a139dfbfcd2fc89a3cb4302dad65a35abd8d29a56c09a962b69c5cf3bca40");
    }

    @Test
    void namesKeepTheirAccentsAndLoseSpacesAndPunctuation() {
      assertThat(hash(CustomerInformation.name("João")))
          .isEqualTo("d147147c3dcbe0ac2756b42297dd7f013f8b2fa6178e209c3f74dc7d752243ef");
      assertThat(hash(CustomerInformation.name("Conceição")))
          .isEqualTo("01984f463a1681c5827b11a006db945028014d595133776dd6b6a68cd06260fd");
      assertThat(hash(CustomerInformation.name("Maria-Clara")))
          .isEqualTo("3ccd74ad43d8ce7afe36f2a71a365e6a6381248d2c02654177e568e7d40e590f");
      assertThat(CustomerInformation.name("D'Ávila")).isEqualTo("dávila");
    }

    @Test
    void citiesAndStates() {
      assertThat(hash(CustomerInformation.city("São Paulo")))
          .isEqualTo("3eda1428ae1aece064071f8d40f08fe2bc59ffa66c171a163caf15122ec4d7f0");
      assertThat(CustomerInformation.state("SP")).isEqualTo("sp");
      assertThat(hash(CustomerInformation.state("São Paulo")))
          .isEqualTo("be18b85f77fc024db379acf19e8a1ce62307ab7bb1bca395389ecfc2dafaf741");
      assertThat(CustomerInformation.state("Rio Grande do Sul")).isEqualTo("rs");
      assertThat(CustomerInformation.country("Brasil")).isEqualTo("br");
      assertThat(CustomerInformation.country("Brazil")).isEqualTo("br");
    }

    @Test
    void aCustomerAsTheConversationKnowsThem() {
      ObjectNode userData = new ObjectMapper().createObjectNode();
      br.addHashed(
          new CustomerData(
              null,
              "+5511987654321",
              "João",
              "Silva",
              null,
              null,
              null,
              null,
              "01310-100",
              null,
              "whatsapp:+14155238886:+5511987654321"),
          userData);

      assertThat(userData.fieldNames())
          .toIterable()
          .containsExactly("ph", "fn", "ln", "zp", "country", "external_id");
      assertThat(userData.path("ph").asText())
          .isEqualTo("029c7290f14c4516673508635f0519db95f7daf42057fd0e4ad1de84c5408a66");
      assertThat(userData.path("fn").asText())
          .isEqualTo("d147147c3dcbe0ac2756b42297dd7f013f8b2fa6178e209c3f74dc7d752243ef");
      assertThat(userData.path("ln").asText())
          .isEqualTo("d24e913a4107af875dc2ac3d419798f3794d00434e5059fbb68ac8d33626eaee");
      assertThat(userData.path("zp").asText())
          .isEqualTo("9a4a139dfbfcd2fc89a3cb4302dad65a35abd8d29a56c09a962b69c5cf3bca40");
      assertThat(userData.path("country").asText())
          .isEqualTo("885036a0da3dff3c3e05bc79bf49382b12bc5098514ed57ce0875aba1aa2c40d");
      assertThat(userData.path("external_id").asText())
          .isEqualTo("eeefb1f56d391f813d748201180eaa699dcb40a53e999947f20e99cf2b2b8db4");
      assertThat(userData.toString()).doesNotContain("987654321", "João", "Silva", "01310");
    }
  }

  private static String hash(String normalised) {
    return CustomerInformation.sha256(normalised);
  }
}
