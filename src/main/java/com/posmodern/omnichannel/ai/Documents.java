package com.posmodern.omnichannel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/**
 * JSON as Jackson reads it and as the AWS SDK's {@link Document} carries it (tool schemas, inputs).
 */
final class Documents {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Documents() {}

  static Document of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Document.fromNull();
    }
    if (node.isObject()) {
      Map<String, Document> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), of(e.getValue())));
      return Document.fromMap(map);
    }
    if (node.isArray()) {
      List<Document> list = new java.util.ArrayList<>();
      node.forEach(n -> list.add(of(n)));
      return Document.fromList(list);
    }
    if (node.isBoolean()) {
      return Document.fromBoolean(node.asBoolean());
    }
    if (node.isNumber()) {
      return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
    }
    return Document.fromString(node.asText());
  }

  static JsonNode json(Document document) {
    if (document == null || document.isNull()) {
      return NODES.nullNode();
    }
    if (document.isMap()) {
      ObjectNode object = NODES.objectNode();
      document.asMap().forEach((k, v) -> object.set(k, json(v)));
      return object;
    }
    if (document.isList()) {
      ArrayNode array = NODES.arrayNode();
      document.asList().forEach(d -> array.add(json(d)));
      return array;
    }
    if (document.isBoolean()) {
      return NODES.booleanNode(document.asBoolean());
    }
    if (document.isNumber()) {
      return NODES.numberNode(document.asNumber().bigDecimalValue());
    }
    return NODES.textNode(document.asString());
  }
}
