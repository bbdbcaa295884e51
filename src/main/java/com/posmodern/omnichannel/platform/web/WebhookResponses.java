package com.posmodern.omnichannel.platform.web;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.platform.sqs.QueueUnavailableException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The answers a webhook gives when it cannot take a request, called by the {@code webhook-errors}
 * route configuration: the status the platform must see (400, 403, 404, 413 or 503) and a short
 * JSON reason.
 */
public class WebhookResponses {

  /** Turns the caught exception into the HTTP answer. */
  public void answerFailure(Exchange exchange) {
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    int status;
    if (cause instanceof WebhookRejectedException rejected) {
      status = rejected.status();
    } else if (cause instanceof QueueUnavailableException) {
      status = 503;
    } else {
      status = 500;
    }
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setBody(
        CanonicalJson.write(
            Map.of("error", cause == null ? "unknown" : String.valueOf(cause.getMessage()))));
  }
}
