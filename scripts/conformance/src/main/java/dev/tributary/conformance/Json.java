package dev.tributary.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The one JSON mapper and node factory of the harness (the protocol's, not Kafka's: Kafka's stay inside Kafka). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** A short rendering of a node for error messages. */
    static String excerpt(JsonNode node) {
        String text = node == null ? "(absent)" : node.toString();
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
