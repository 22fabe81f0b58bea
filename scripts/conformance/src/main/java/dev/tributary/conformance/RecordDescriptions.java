package dev.tributary.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The record description, both ways: a {@link SourceRecord} or {@link SinkRecord} with its schemas, key, value and
 * headers described as {@link SchemaDescriptions} and {@link ValueDescriptions} do.
 *
 * <pre>
 * {"kind": "source"|"sink", "topic": str, "kafkaPartition": int|null,
 *  "keySchema": schema|null, "key": value, "valueSchema": schema|null, "value": value,
 *  "timestamp": int|null, "headers": [{"key": str, "schema": schema|null, "value": value}],
 *  source: "sourcePartition": {str: primitive}, "sourceOffset": {str: primitive}
 *  sink:   "kafkaOffset": "&lt;decimal&gt;", "timestampType": "NO_TIMESTAMP_TYPE"|"CREATE_TIME"|"LOG_APPEND_TIME",
 *          "originalTopic": str, "originalKafkaPartition": int, "originalKafkaOffset": "&lt;decimal&gt;"}
 * </pre>
 *
 * A sink record's original coordinates may be left out of a request (they default to the current ones, as Kafka's
 * shorter constructor does) and are always written in a response. Keys are written in the order above.
 */
final class RecordDescriptions {
    private static final Set<String> COMMON = Set.of("kind", "topic", "kafkaPartition", "keySchema", "key",
            "valueSchema", "value", "timestamp", "headers");
    private static final Set<String> SOURCE = Set.of("sourcePartition", "sourceOffset");
    private static final Set<String> SINK = Set.of("kafkaOffset", "timestampType", "originalTopic",
            "originalKafkaPartition", "originalKafkaOffset");

    private RecordDescriptions() {
    }

    static ObjectNode describe(ConnectRecord<?> record) {
        ObjectNode out = Json.NODES.objectNode();
        boolean sink = record instanceof SinkRecord;
        if (!sink && !(record instanceof SourceRecord))
            throw new DescriptionException("No record description for " + record.getClass().getName());
        out.put("kind", sink ? "sink" : "source");
        out.put("topic", record.topic());
        if (record.kafkaPartition() == null)
            out.putNull("kafkaPartition");
        else
            out.put("kafkaPartition", record.kafkaPartition().intValue());
        out.set("keySchema", schema(record.keySchema()));
        out.set("key", ValueDescriptions.describe(record.key()));
        out.set("valueSchema", schema(record.valueSchema()));
        out.set("value", ValueDescriptions.describe(record.value()));
        if (record.timestamp() == null)
            out.putNull("timestamp");
        else
            out.put("timestamp", record.timestamp().longValue());
        ArrayNode headers = out.putArray("headers");
        for (Header header : record.headers()) {
            ObjectNode h = headers.addObject();
            h.put("key", header.key());
            h.set("schema", schema(header.schema()));
            h.set("value", ValueDescriptions.describe(header.value()));
        }
        if (record instanceof SinkRecord s) {
            out.put("kafkaOffset", Long.toString(s.kafkaOffset()));
            out.put("timestampType", timestampTypeName(s.timestampType()));
            out.put("originalTopic", s.originalTopic());
            out.put("originalKafkaPartition", s.originalKafkaPartition().intValue());
            out.put("originalKafkaOffset", Long.toString(s.originalKafkaOffset()));
        } else {
            SourceRecord s = (SourceRecord) record;
            out.set("sourcePartition", flatMap(s.sourcePartition()));
            out.set("sourceOffset", flatMap(s.sourceOffset()));
        }
        return out;
    }

    static ConnectRecord<?> construct(JsonNode description) {
        if (description == null || !description.isObject())
            throw new DescriptionException("A record description must be an object, got " + Json.excerpt(description));
        String kind = text(description, "kind");
        boolean sink = switch (kind) {
            case "sink" -> true;
            case "source" -> false;
            default -> throw new DescriptionException("\"kind\" must be \"source\" or \"sink\", got \"" + kind + "\"");
        };
        for (Map.Entry<String, JsonNode> entry : description.properties()) {
            String key = entry.getKey();
            if (!COMMON.contains(key) && !(sink ? SINK : SOURCE).contains(key))
                throw new DescriptionException("Unknown key \"" + key + "\" in a " + kind + " record description; the keys are "
                        + COMMON + " and " + (sink ? SINK : SOURCE));
        }
        String topic = text(description, "topic");
        Integer partition = nullableInt(description, "kafkaPartition");
        Schema keySchema = nullableSchema(description, "keySchema");
        Object key = ValueDescriptions.construct(required(description, "key"));
        Schema valueSchema = nullableSchema(description, "valueSchema");
        Object value = ValueDescriptions.construct(required(description, "value"));
        JsonNode timestampNode = required(description, "timestamp");
        if (!timestampNode.isNull() && !timestampNode.canConvertToExactIntegral())
            throw new DescriptionException("\"timestamp\" must be an integer or null in " + Json.excerpt(description));
        Long timestamp = timestampNode.isNull() ? null : timestampNode.longValue();
        ConnectHeaders headers = headers(required(description, "headers"));
        if (!sink)
            return new SourceRecord(primitives(description, "sourcePartition"), primitives(description, "sourceOffset"),
                    topic, partition, keySchema, key, valueSchema, value, timestamp, headers);
        if (partition == null)
            throw new DescriptionException("A sink record needs an integer \"kafkaPartition\" in " + Json.excerpt(description));
        long offset = decimalLong(description, "kafkaOffset");
        TimestampType timestampType = timestampType(text(description, "timestampType"));
        String originalTopic = description.has("originalTopic") ? text(description, "originalTopic") : topic;
        Integer originalPartition = description.has("originalKafkaPartition")
                ? nullableInt(description, "originalKafkaPartition") : partition;
        long originalOffset = description.has("originalKafkaOffset") ? decimalLong(description, "originalKafkaOffset") : offset;
        return new SinkRecord(topic, partition, keySchema, key, valueSchema, value, offset, timestamp, timestampType,
                headers, originalTopic, originalPartition, originalOffset);
    }

    private static ConnectHeaders headers(JsonNode node) {
        if (!node.isArray())
            throw new DescriptionException("\"headers\" must be an array of {key, schema, value}, got " + Json.excerpt(node));
        ConnectHeaders headers = new ConnectHeaders();
        for (JsonNode header : node) {
            if (!header.isObject() || header.size() != 3 || !header.has("key") || !header.get("key").isTextual()
                    || !header.has("schema") || !header.has("value"))
                throw new DescriptionException("A header must be {\"key\": string, \"schema\": schema or null, \"value\": value}, got "
                        + Json.excerpt(header));
            JsonNode schema = header.get("schema");
            // ConnectHeaders.add validates the value against the schema, as it does for any header.
            headers.add(header.get("key").textValue(), ValueDescriptions.construct(header.get("value")),
                    schema.isNull() ? null : SchemaDescriptions.construct(schema));
        }
        return headers;
    }

    /** A source partition or offset: a JSON object of strings, integers (as Long), fractions, booleans and nulls. */
    private static Map<String, Object> primitives(JsonNode description, String field) {
        JsonNode node = required(description, field);
        if (!node.isObject())
            throw new DescriptionException("\"" + field + "\" must be an object of primitives in " + Json.excerpt(description));
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode v = entry.getValue();
            Object primitive;
            if (v.isNull())
                primitive = null;
            else if (v.isTextual())
                primitive = v.textValue();
            else if (v.isBoolean())
                primitive = v.booleanValue();
            else if (v.canConvertToExactIntegral() && v.isIntegralNumber())
                primitive = v.longValue();
            else if (v.isNumber())
                primitive = v.doubleValue();
            else
                throw new DescriptionException("\"" + field + "." + entry.getKey() + "\" must be a primitive, got " + Json.excerpt(v));
            map.put(entry.getKey(), primitive);
        }
        return map;
    }

    private static ObjectNode flatMap(Map<String, ?> map) {
        ObjectNode out = Json.NODES.objectNode();
        if (map == null)
            return out;
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            Object v = entry.getValue();
            if (v == null)
                out.putNull(entry.getKey());
            else if (v instanceof String s)
                out.put(entry.getKey(), s);
            else if (v instanceof Boolean b)
                out.put(entry.getKey(), b);
            else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
                out.put(entry.getKey(), ((Number) v).longValue());
            else if (v instanceof Number n)
                out.put(entry.getKey(), n.doubleValue());
            else
                throw new DescriptionException("No description for a source partition or offset entry of class "
                        + v.getClass().getName());
        }
        return out;
    }

    private static JsonNode schema(Schema schema) {
        return schema == null ? Json.NODES.nullNode() : SchemaDescriptions.describe(schema);
    }

    private static Schema nullableSchema(JsonNode description, String field) {
        JsonNode node = required(description, field);
        return node.isNull() ? null : SchemaDescriptions.construct(node);
    }

    private static JsonNode required(JsonNode description, String field) {
        JsonNode node = description.get(field);
        if (node == null)
            throw new DescriptionException("A record description needs \"" + field + "\" (it may be null), got "
                    + Json.excerpt(description));
        return node;
    }

    private static String text(JsonNode description, String field) {
        JsonNode node = required(description, field);
        if (!node.isTextual())
            throw new DescriptionException("\"" + field + "\" must be a string in " + Json.excerpt(description));
        return node.textValue();
    }

    private static Integer nullableInt(JsonNode description, String field) {
        JsonNode node = required(description, field);
        if (node.isNull())
            return null;
        if (!node.isInt())
            throw new DescriptionException("\"" + field + "\" must be a 32-bit integer or null in " + Json.excerpt(description));
        return node.intValue();
    }

    private static long decimalLong(JsonNode description, String field) {
        String text = text(description, field);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new DescriptionException("\"" + field + "\" must be a decimal int64 string, got \"" + text + "\"", e);
        }
    }

    private static TimestampType timestampType(String name) {
        for (TimestampType type : TimestampType.values()) {
            if (timestampTypeName(type).equals(name))
                return type;
        }
        throw new DescriptionException("Unknown timestampType \"" + name
                + "\"; use NO_TIMESTAMP_TYPE, CREATE_TIME or LOG_APPEND_TIME");
    }

    /** The enum constant's name, as Tributary spells the timestamp types (Kafka's toString is "CreateTime"). */
    private static String timestampTypeName(TimestampType type) {
        return type.name();
    }
}
