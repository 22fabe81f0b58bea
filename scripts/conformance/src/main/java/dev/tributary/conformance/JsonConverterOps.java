package dev.tributary.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Kafka's {@link JsonConverter}: {@code json.fromConnect}, {@code json.toConnect} and {@code json.roundTrip}.
 *
 * <p>Each request carries {@code config} (string to string, given to {@code configure(config, isKey)}),
 * {@code isKey} and {@code topic}. One configured converter is kept per (config, isKey), as a worker keeps
 * one per connector, so its schema caches behave as they would in Kafka Connect.
 */
final class JsonConverterOps implements OpFamily {
    private record ConverterKey(Map<String, String> config, boolean isKey) {
    }

    private final Map<ConverterKey, JsonConverter> converters = new HashMap<>();

    @Override
    public void register(Map<String, OpHandler> handlers) {
        handlers.put("json.fromConnect", this::fromConnect);
        handlers.put("json.toConnect", this::toConnect);
        handlers.put("json.roundTrip", this::roundTrip);
    }

    /** {@code {config, isKey, topic, data}} -> {@code {"bytes": <base64 or null>}}. */
    private ObjectNode fromConnect(Request request) {
        JsonConverter converter = converter(request);
        String topic = request.string("topic");
        SchemaAndValue data = DataDescriptions.construct(request.node("data"));
        ObjectNode out = Json.NODES.objectNode();
        putBytes(out, converter.fromConnectData(topic, data.schema(), data.value()));
        return out;
    }

    /** {@code {config, isKey, topic, bytes}} -> {@code {"data": <description>}}. */
    private ObjectNode toConnect(Request request) {
        JsonConverter converter = converter(request);
        SchemaAndValue data = converter.toConnectData(request.string("topic"), request.nullableBytes("bytes"));
        ObjectNode out = Json.NODES.objectNode();
        out.set("data", DataDescriptions.describe(data));
        return out;
    }

    /** {@code {config, isKey, topic, bytes}} -> read, then write what was read -> {@code {"data", "bytes"}}. */
    private ObjectNode roundTrip(Request request) {
        JsonConverter converter = converter(request);
        String topic = request.string("topic");
        SchemaAndValue data = converter.toConnectData(topic, request.nullableBytes("bytes"));
        ObjectNode out = Json.NODES.objectNode();
        out.set("data", DataDescriptions.describe(data));
        putBytes(out, converter.fromConnectData(topic, data.schema(), data.value()));
        return out;
    }

    private JsonConverter converter(Request request) {
        ConverterKey key = new ConverterKey(request.stringMap("config"), request.bool("isKey"));
        // computeIfAbsent caches nothing when configure throws, so a bad config fails on every request.
        return converters.computeIfAbsent(key, k -> {
            JsonConverter converter = new JsonConverter();
            converter.configure(k.config(), k.isKey());
            return converter;
        });
    }

    private static void putBytes(ObjectNode out, byte[] bytes) {
        if (bytes == null)
            out.putNull("bytes");
        else
            out.put("bytes", Base64.getEncoder().encodeToString(bytes));
    }
}
