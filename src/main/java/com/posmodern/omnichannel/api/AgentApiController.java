package com.posmodern.omnichannel.api;

import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.channel.InboundMedia;
import com.posmodern.omnichannel.chatbot.ConversationLog;
import com.posmodern.omnichannel.chatbot.HumanSupport;
import com.posmodern.omnichannel.platform.web.LiveStreams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The agent API for conversations handed over to people (authenticated as an agent): list those
 * waiting, read a history, reply as a person, hand back to the bot. Replies go out through the same
 * fan-out route as the bot's.
 */
@RestController
@RequestMapping("/api/agent/conversations")
public class AgentApiController {

  /** A person's reply. */
  public record Reply(String text) {}

  private final HumanSupport support;
  private final InboundMedia inboundMedia;
  private final ProducerTemplate camel;
  private final LiveStreams streams;

  public AgentApiController(
      HumanSupport support,
      InboundMedia inboundMedia,
      ProducerTemplate camel,
      LiveStreams streams) {
    this.support = support;
    this.inboundMedia = inboundMedia;
    this.camel = camel;
    this.streams = streams;
  }

  @GetMapping
  public List<HumanSupport.Waiting> waiting() {
    return support.waiting();
  }

  /**
   * The handed-over conversations, live: a {@code waiting} event with the whole list whenever it
   * changes (a customer asks for a person, writes, is answered, is handed back; a window closes),
   * for the inbox page. The stream ends when the session that opened it does (logout, expiry).
   */
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter stream(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    AtomicReference<List<HumanSupport.Waiting>> last = new AtomicReference<>();
    return streams.open(
        () -> {
          if (session != null) {
            try {
              session.getLastAccessedTime();
            } catch (IllegalStateException invalidated) {
              throw new LiveStreams.Ended("the session ended");
            }
          }
          List<HumanSupport.Waiting> now = waitingNow();
          if (now.equals(last.getAndSet(now))) {
            return List.of();
          }
          return List.of(SseEmitter.event().name("waiting").data(now, MediaType.APPLICATION_JSON));
        });
  }

  /** The list, read at most once per 250 ms however many inbox pages are open. */
  private List<HumanSupport.Waiting> waitingNow() {
    Snapshot snapshot = latest;
    long now = System.nanoTime();
    if (snapshot == null || now - snapshot.readAt() > 250_000_000L) {
      snapshot = new Snapshot(now, support.waiting());
      latest = snapshot;
    }
    return snapshot.waiting();
  }

  private record Snapshot(long readAt, List<HumanSupport.Waiting> waiting) {}

  private volatile Snapshot latest;

  @GetMapping("/{conversationId}/messages")
  public List<ConversationLog.Entry> history(@PathVariable String conversationId) {
    return support.history(conversationId);
  }

  /**
   * An attachment of a customer's message (a photo, a receipt), fetched from the platform that
   * holds it: the people answering cannot open Twilio's URLs themselves (they need the account's
   * credentials).
   */
  @GetMapping("/{conversationId}/messages/{entryId}/attachments/{index}")
  public ResponseEntity<byte[]> attachment(
      @PathVariable String conversationId, @PathVariable long entryId, @PathVariable int index) {
    HumanSupport.AttachmentRef ref = support.attachment(conversationId, entryId, index);
    InboundMedia.Media media = inboundMedia.fetch(ref.channel(), ref.attachment().url());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(media.contentType()))
        .header("Cache-Control", "private, no-store")
        .body(media.bytes());
  }

  @PostMapping("/{conversationId}/replies")
  public Map<String, Object> reply(
      @PathVariable String conversationId, @RequestBody Reply reply, Principal agent) {
    return send(support.reply(conversationId, agent.getName(), reply.text()));
  }

  @PostMapping("/{conversationId}/handback")
  public Map<String, Object> handBack(@PathVariable String conversationId, Principal agent) {
    return send(support.handBack(conversationId, agent.getName()));
  }

  @ExceptionHandler(HumanSupport.HandoffException.class)
  ResponseEntity<Map<String, String>> refused(HumanSupport.HandoffException e) {
    return ResponseEntity.status(e.status())
        .body(
            e.code() == null
                ? Map.of("error", e.getMessage())
                : Map.of("error", e.getMessage(), "code", e.code()));
  }

  @ExceptionHandler(InboundMedia.MediaUnavailableException.class)
  ResponseEntity<Map<String, String>> mediaUnavailable(InboundMedia.MediaUnavailableException e) {
    return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
  }

  private Map<String, Object> send(List<OutboundReply> replies) {
    camel.sendBody("direct:fan-out", replies);
    return Map.of("sent", replies.size());
  }
}
