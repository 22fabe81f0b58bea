package dev.tributary.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Typed access to the fields of one request line; a missing or mistyped field is a {@link ProtocolException}. */
final class Request {
    private final String op;
    private final ObjectNode body;

    Request(String op, ObjectNode body) {
        this.op = op;
        this.body = body;
    }

    String op() {
        return op;
    }

    /** The raw node of a field that must be present (it may be JSON null). */
    JsonNode node(String field) {
        JsonNode node = body.get(field);
        if (node == null)
            throw new ProtocolException(op + " needs the field \"" + field + "\"");
        return node;
    }

    String string(String field) {
        JsonNode node = node(field);
        if (!node.isTextual())
            throw mistyped(field, "a string", node);
        return node.textValue();
    }

    boolean bool(String field) {
        JsonNode node = node(field);
        if (!node.isBoolean())
            throw mistyped(field, "true or false", node);
        return node.booleanValue();
    }

    /** A string-to-string object, in the order given. */
    Map<String, String> stringMap(String field) {
        JsonNode node = node(field);
        if (!node.isObject())
            throw mistyped(field, "an object of strings", node);
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual())
                throw mistyped(field + "." + entry.getKey(), "a string", entry.getValue());
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return result;
    }

    /** Standard base64 (with padding) or JSON null, which stands for a null byte array. */
    byte[] nullableBytes(String field) {
        JsonNode node = node(field);
        if (node.isNull())
            return null;
        if (!node.isTextual())
            throw mistyped(field, "a base64 string or null", node);
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(op + ": field \"" + field + "\" is not standard base64: " + e.getMessage());
        }
    }

    private ProtocolException mistyped(String field, String expected, JsonNode actual) {
        return new ProtocolException(op + ": field \"" + field + "\" must be " + expected + ", got " + Json.excerpt(actual));
    }
}
