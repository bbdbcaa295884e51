package com.posmodern.omnichannel.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.web.util.HtmlUtils;

/**
 * Meta's data deletion request callback (Messenger and Instagram users removing the app): the
 * {@code signed_request} verified with our Meta app secrets, the user's personal data erased at
 * once, and the answer Meta requires, {@code {"url", "confirmation_code"}}, where the url is a
 * status page for the code
 * (https://developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback,
 * checked 2026-11-26).
 */
public class MetaDataDeletion {

  /** Where the status page is served. */
  public static final String STATUS_PATH = "/privacy/deletion-status";

  private final PersonalData personalData;
  private final List<String> appSecrets;
  private final PublicUrls urls;
  private final String publicBaseUrl;

  /** How old a signed request may be (it is replayable only within this). */
  static final Duration MAX_AGE = Duration.ofHours(24);

  private final Clock clock;

  public MetaDataDeletion(
      PersonalData personalData,
      List<String> appSecrets,
      PublicUrls urls,
      String publicBaseUrl,
      Clock clock) {
    this.personalData = personalData;
    this.appSecrets = List.copyOf(appSecrets);
    this.urls = urls;
    this.publicBaseUrl = publicBaseUrl;
    this.clock = clock;
  }

  /** Handles the callback; the body becomes Meta's JSON answer. */
  public String handle(Exchange exchange) {
    if (appSecrets.isEmpty()) {
      throw WebhookRejectedException.notFound("no Meta channel is live here");
    }
    WebhookRequest request = WebhookRequest.of(exchange, publicBaseUrl);
    String signedRequest = formField(request.bodyText(), "signed_request");
    JsonNode payload;
    try {
      payload = MetaSignedRequest.verify(signedRequest, appSecrets);
    } catch (MetaSignedRequest.InvalidSignedRequestException e) {
      throw e.forged()
          ? WebhookRejectedException.forbidden(e.getMessage())
          : WebhookRejectedException.malformed(e.getMessage());
    }
    Instant issued = Instant.ofEpochSecond(payload.path("issued_at").asLong(0));
    Instant now = clock.instant();
    if (issued.isBefore(now.minus(MAX_AGE)) || issued.isAfter(now.plus(Duration.ofMinutes(5)))) {
      throw WebhookRejectedException.forbidden(
          "signed_request issued_at " + issued + " is not within the last 24 hours");
    }
    String userId = payload.path("user_id").asText("");
    if (userId.isBlank()) {
      throw WebhookRejectedException.malformed("signed_request has no user_id");
    }
    PersonalData.Deletion deletion = personalData.eraseMetaUser(userId);
    exchange.getMessage().removeHeaders("*");
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("url", statusUrl(deletion.confirmationCode()));
    answer.put("confirmation_code", deletion.confirmationCode());
    return CanonicalJson.write(answer);
  }

  /** The status page URL of a confirmation code. */
  public String statusUrl(String code) {
    return urls.of(STATUS_PATH + "?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
  }

  /**
   * The human-readable status of an erasure, in Portuguese and English (404 for an unknown code).
   */
  public String statusPage(@Header("code") String code, Exchange exchange) {
    Optional<PersonalData.Deletion> deletion =
        code == null || code.isBlank() ? Optional.empty() : personalData.deletion(code.strip());
    exchange.getMessage().removeHeaders("*");
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
    if (deletion.isEmpty()) {
      exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
      return page(
          "Solicitação não encontrada / Request not found",
          "<p>Não há solicitação de exclusão com este código.</p>"
              + "<p>There is no deletion request with this code.</p>");
    }
    PersonalData.Deletion d = deletion.get();
    DateTimeFormatter at =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneId.of("UTC"));
    String when = d.completedAt() == null ? "" : at.format(d.completedAt());
    return page(
        "Exclusão de dados " + HtmlUtils.htmlEscape(d.confirmationCode()),
        "<p><strong>Concluída</strong> em "
            + when
            + ". Seu nome, telefone, endereço, mensagens e dados de marketing foram apagados."
            + " Pedidos já feitos são guardados sem nenhum dado pessoal, como exige a lei fiscal.</p>"
            + "<p><strong>Completed</strong> on "
            + when
            + ". Your name, phone, address, messages and marketing data were deleted."
            + " Orders already placed are kept without any personal data, as tax law requires.</p>"
            + "<p>Código / code: <code>"
            + HtmlUtils.htmlEscape(d.confirmationCode())
            + "</code></p>");
  }

  private static String page(String title, String content) {
    return "<!doctype html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"><title>"
        + title
        + "</title></head><body><h1>"
        + title
        + "</h1>"
        + content
        + "</body></html>";
  }

  private static String formField(String body, String name) {
    try {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0
            && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      }
    } catch (IllegalArgumentException e) {
      throw WebhookRejectedException.malformed("body is not form-encoded");
    }
    return null;
  }
}
