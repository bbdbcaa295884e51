package com.posmodern.omnichannel.sandbox;

import com.posmodern.omnichannel.channel.BasePlatformIntegration;
import com.posmodern.omnichannel.channel.CustomerAction;
import com.posmodern.omnichannel.channel.SimulatedWebhook;
import com.posmodern.omnichannel.platform.sqs.QueueUnavailableException;
import com.posmodern.omnichannel.platform.web.ConsolePolicy;
import com.posmodern.omnichannel.platform.web.LiveStreams;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.pos.orders.Order;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.pos.orders.OrderEventsQueue;
import com.posmodern.omnichannel.pos.orders.PosOrderEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The channel simulator at {@code /simulator}, only while the sandbox runs (no channel live): a
 * person plays customers on WhatsApp, Messenger or Instagram in a browser. Each customer action
 * becomes the platform's own webhook, signed by the channel's edge with its development secret and
 * posted to this app's public webhook, so the whole real path runs; the replies the sandbox
 * recorded for that customer stream back to the page (server-sent events, in order, resumable). The
 * page can also pay the customer's latest order at the sandbox checkout and play the POS.
 */
@RestController
@Conditional(SandboxEnabledCondition.class)
public class SimulatorController {

  /** What the page posts for one customer action. */
  public record Action(
      String channel, String kind, String customerId, String name, String text, String payload) {}

  /** What the page posts to play the POS. */
  public record PosStatus(String status, Integer etaMinutes) {}

  /** How many record ids back each poll looks for records that became visible late. */
  private static final long LOOK_BACK = 50;

  private final Map<String, BasePlatformIntegration> channels;
  private final SandboxRecorder recorder;
  private final OrderBook orders;
  private final OrderEventsQueue orderEvents;
  private final SandboxLocation location;
  private final LiveStreams streams;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public SimulatorController(
      List<BasePlatformIntegration> integrations,
      SandboxRecorder recorder,
      OrderBook orders,
      OrderEventsQueue orderEvents,
      SandboxLocation location,
      LiveStreams streams) {
    this.channels =
        integrations.stream().collect(Collectors.toMap(i -> i.channel().id(), Function.identity()));
    this.recorder = recorder;
    this.orders = orders;
    this.orderEvents = orderEvents;
    this.location = location;
    this.streams = streams;
  }

  @GetMapping(
      path = {"/simulator", "/simulator/"},
      produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<byte[]> page() throws IOException {
    ResponseEntity<byte[]> page = asset("simulator/index.html", MediaType.TEXT_HTML);
    return ResponseEntity.ok()
        .headers(page.getHeaders())
        .header("Content-Security-Policy", ConsolePolicy.CONTENT_SECURITY_POLICY)
        .body(page.getBody());
  }

  @GetMapping(path = "/simulator/simulator.js")
  public ResponseEntity<byte[]> script() throws IOException {
    return asset("simulator/simulator.js", MediaType.valueOf("text/javascript;charset=UTF-8"));
  }

  /** The channels and the interactive templates each sends by reference. */
  @GetMapping(path = "/simulator/api/config", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> config() {
    Map<String, Object> templates = new LinkedHashMap<>();
    channels.forEach((id, integration) -> templates.put(id, integration.contentTemplates()));
    return Map.of("channels", channels.keySet(), "contentTemplates", templates);
  }

  /**
   * One customer action, posted to the app's own webhook as the platform would post it; answers
   * what the webhook answered (200 once the message is queued).
   */
  @PostMapping(path = "/simulator/api/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> send(@RequestBody Action action)
      throws IOException, InterruptedException {
    BasePlatformIntegration channel = channel(action.channel());
    CustomerAction.Kind kind;
    try {
      kind = CustomerAction.Kind.valueOf(action.kind() == null ? "TEXT" : action.kind());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kind must be TEXT, QUICK_REPLY, BUTTON or LIST_ITEM");
    }
    SimulatedWebhook webhook =
        channel.simulate(
            new CustomerAction(
                kind, action.customerId(), action.name(), action.text(), action.payload()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(location.serverUrl() + webhook.path()))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook.headers().forEach(request::header);
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("webhookStatus", answer.statusCode());
    result.put("conversationId", webhook.customer().conversationId());
    if (answer.statusCode() / 100 != 2) {
      result.put("error", answer.body());
      return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(result);
    }
    return ResponseEntity.ok(result);
  }

  /**
   * What the sandbox recorded for one customer, as server-sent events ({@code reply}, id = the
   * record's id) in order: first everything after {@code Last-Event-ID} (all of it on a first
   * connection) and a {@code ready} event, then each new record as it arrives. Records are numbered
   * when written but may become visible slightly out of order (two instances, two transactions), so
   * each poll looks a few ids back and skips what it already sent.
   */
  @GetMapping(path = "/simulator/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter stream(
      @RequestParam String channel,
      @RequestParam String customer,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    BasePlatformIntegration integration = channel(channel);
    String recipient = integration.simulatedCustomer(customer).recipient();
    long resumeAfter = parseId(lastEventId);
    NavigableSet<Long> sent = new TreeSet<>();
    boolean[] ready = {false};
    return streams.open(
        () -> {
          long newest = sent.isEmpty() ? resumeAfter : Math.max(resumeAfter, sent.last());
          List<SseEmitter.SseEventBuilder> events = new ArrayList<>();
          for (SandboxRecorder.RecordedRequest recorded :
              recorder.listFor(channel, recipient, Math.max(resumeAfter, newest - LOOK_BACK))) {
            if (sent.add(recorded.id())) {
              events.add(
                  SseEmitter.event()
                      .id(Long.toString(recorded.id()))
                      .name("reply")
                      .data(recorded, MediaType.APPLICATION_JSON));
            }
          }
          sent.headSet(newest - LOOK_BACK).clear();
          if (!ready[0]) {
            ready[0] = true;
            events.add(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
          }
          return events;
        });
  }

  /** The customer's latest order, with where to pay it in the sandbox (404: none yet). */
  @GetMapping(path = "/simulator/api/orders/latest", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> latestOrder(
      @RequestParam String channel, @RequestParam String customer) {
    String conversation = channel(channel).simulatedCustomer(customer).conversationId();
    List<Order> recent = orders.recent(conversation, 1);
    if (recent.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    Order order = recent.get(0);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", order.id());
    answer.put("status", order.status().id());
    answer.put("paymentMethod", order.paymentMethod());
    answer.put("paymentStatus", order.paymentStatus());
    answer.put("totalCents", order.totalCents());
    answer.put("fulfilment", order.fulfilment());
    answer.put("checkoutUrl", "/sandbox/payments/" + order.id());
    return ResponseEntity.ok(answer);
  }

  /** Plays the POS: one status event for an order, on the same queue the POS API uses. */
  @PostMapping(
      path = "/simulator/api/orders/{orderId}/events",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, String>> orderEvent(
      @PathVariable String orderId, @RequestBody PosStatus status) {
    if (orders.find(orderId).isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Map.of("error", "no order " + orderId));
    }
    String eventId = "simulator-" + UUID.randomUUID();
    orderEvents.enqueue(
        new PosOrderEvent(eventId, orderId, status.status(), status.etaMinutes(), null, null));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("eventId", eventId, "status", "queued"));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(QueueUnavailableException.class)
  ResponseEntity<Map<String, String>> queueDown(QueueUnavailableException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("error", e.getMessage()));
  }

  private BasePlatformIntegration channel(String id) {
    BasePlatformIntegration channel = id == null ? null : channels.get(id);
    if (channel == null) {
      throw new IllegalArgumentException(
          "channel must be one of " + String.join(", ", channels.keySet()));
    }
    return channel;
  }

  private static long parseId(String lastEventId) {
    try {
      return lastEventId == null ? 0 : Math.max(0, Long.parseLong(lastEventId.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static ResponseEntity<byte[]> asset(String path, MediaType type) throws IOException {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return ResponseEntity.ok()
          .contentType(type)
          .header("Cache-Control", "no-cache")
          .body(in.readAllBytes());
    }
  }
}
