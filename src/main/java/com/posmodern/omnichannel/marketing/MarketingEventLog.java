package com.posmodern.omnichannel.marketing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of every marketing event, as JSON lines an operator can read or ship ({@code
 * <log-dir>/marketing-events-YYYY-MM-DD.jsonl}, UTC days): the event id and name, the platform,
 * what happened (recorded, skipped and why, sent, refused, expired, retried) and the platform's
 * answer. Never a customer's data: no request bodies, no hashes.
 */
public class MarketingEventLog {

  private static final Logger log = LoggerFactory.getLogger(MarketingEventLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line. */
  public record Line(
      String eventId,
      String name,
      String sink,
      String status,
      String actionSource,
      String note,
      Integer attempt,
      Integer httpStatus,
      String detail) {}

  private final Path directory;
  private final Clock clock;

  public MarketingEventLog(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  /** The file of a day. */
  public Path file(LocalDate day) {
    return directory.resolve("marketing-events-" + day + ".jsonl");
  }

  /** Appends one line; a failure to write is logged, never thrown at the caller. */
  public synchronized void write(Line line) {
    Instant now = clock.instant();
    ObjectNode json = JSON.createObjectNode();
    json.put("at", now.toString());
    json.put("eventId", line.eventId());
    json.put("name", line.name());
    json.put("sink", line.sink());
    json.put("status", line.status());
    putIfSet(json, "actionSource", line.actionSource());
    putIfSet(json, "note", line.note());
    if (line.attempt() != null) {
      json.put("attempt", line.attempt());
    }
    if (line.httpStatus() != null) {
      json.put("httpStatus", line.httpStatus());
    }
    putIfSet(json, "detail", line.detail());
    try {
      Files.createDirectories(directory);
      Files.writeString(
          file(LocalDate.ofInstant(now, ZoneOffset.UTC)),
          json + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException | UncheckedIOException e) {
      log.warn("Could not write the marketing event log in {}: {}", directory, e.toString());
    }
  }

  private static void putIfSet(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
