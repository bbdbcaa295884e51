package com.posmodern.omnichannel.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * Deterministic JSON for canonical records (sorted keys, no nulls): the same record always gives
 * the same bytes, so content-based deduplication and golden tests are stable. Used by the queue
 * writer and the chatbot consumer.
 */
public final class CanonicalJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private CanonicalJson() {}

  /** The shared mapper; configured once, thread-safe. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serialises a canonical record. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Reads a canonical message from the queue. */
  public static CanonicalMessage readMessage(String json) {
    return read(json, CanonicalMessage.class);
  }

  /** Reads any canonical record. */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
