package com.posmodern.omnichannel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps what the sandbox received (table {@code sandbox_request}), so every app instance and a
 * restart see the same record, and lists it per channel, oldest first.
 */
public class SandboxRecorder {

  /** One recorded request, as {@code GET /sandbox/messages} shows it. */
  public record RecordedRequest(
      long id,
      String channel,
      String recipient,
      String method,
      String path,
      String contentType,
      JsonNode body,
      String receivedAt) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final Clock clock;

  public SandboxRecorder(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void record(
      String channel,
      String recipient,
      String method,
      String path,
      String contentType,
      String body) {
    jdbc.sql(
            "insert into sandbox_request (channel, recipient, method, path, content_type, body, received_at)"
                + " values (?,?,?,?,?,?,?)")
        .params(
            channel, recipient, method, path, contentType, body, Timestamp.from(clock.instant()))
        .update();
  }

  /** What was recorded for a channel (all channels when null), oldest first. */
  public List<RecordedRequest> list(String channel) {
    var query =
        channel == null
            ? jdbc.sql("select * from sandbox_request order by id")
            : jdbc.sql("select * from sandbox_request where channel = ? order by id")
                .param(channel);
    return query.query(SandboxRecorder::read).list();
  }

  private static RecordedRequest read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new RecordedRequest(
        rs.getLong("id"),
        rs.getString("channel"),
        rs.getString("recipient"),
        rs.getString("method"),
        rs.getString("path"),
        rs.getString("content_type"),
        parse(rs.getString("content_type"), rs.getString("body")),
        rs.getTimestamp("received_at").toInstant().toString());
  }

  /**
   * What was recorded for one recipient of a channel after the record {@code afterId}, oldest
   * first.
   */
  public List<RecordedRequest> listFor(String channel, String recipient, long afterId) {
    return jdbc.sql(
            "select * from sandbox_request where channel = ? and recipient = ? and id > ? order by id")
        .params(channel, recipient, afterId)
        .query(SandboxRecorder::read)
        .list();
  }

  /** Forgets everything recorded. */
  public int clear() {
    return jdbc.sql("delete from sandbox_request").update();
  }

  /** A JSON body as JSON; a form body as an object of its parameters (repeated ones as arrays). */
  static JsonNode parse(String contentType, String body) {
    if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
      ObjectNode form = JSON.createObjectNode();
      for (String pair : body.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        JsonNode existing = form.get(name);
        if (existing == null) {
          form.put(name, value);
        } else if (existing.isArray()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) existing).add(value);
        } else {
          form.putArray(name).add(existing.asText()).add(value);
        }
      }
      return form;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }
}
