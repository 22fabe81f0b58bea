package dev.tributary.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The canonical value description, both ways: a value is tagged by its Java runtime class, so the description
 * says exactly what Kafka produced (Integer vs Long, Float vs Double, the bits of a float, a decimal's scale).
 *
 * <pre>
 * null                 -> null
 * Byte/Short/Integer/Long -> ["int8"|"int16"|"int32"|"int64", "&lt;decimal&gt;"]
 * Float / Double       -> ["float32", "&lt;8 hex digits of floatToRawIntBits&gt;"] / ["float64", "&lt;16 hex digits&gt;"]
 * Boolean / String     -> ["boolean", true|false] / ["string", "..."]
 * byte[] / ByteBuffer  -> ["bytes", "&lt;standard base64&gt;"]
 * BigDecimal           -> ["decimal", "&lt;unscaled decimal&gt;", scale]
 * java.util.Date       -> ["date", "&lt;epoch millis decimal&gt;"]
 * List / Map           -> ["array", [v...]] / ["map", [[k, v]...]] (iteration order)
 * Struct               -> ["struct", schema description, [[field name, value of getWithoutDefault]...]]
 * </pre>
 */
final class ValueDescriptions {
    private static final Pattern HEX8 = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

    private ValueDescriptions() {
    }

    static JsonNode describe(Object value) {
        if (value == null)
            return Json.NODES.nullNode();
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long)
            return tagged(integerTag(value)).add(value.toString());
        if (value instanceof Float f)
            return tagged("float32").add(String.format("%08x", Float.floatToRawIntBits(f)));
        if (value instanceof Double d)
            return tagged("float64").add(String.format("%016x", Double.doubleToRawLongBits(d)));
        if (value instanceof Boolean b)
            return tagged("boolean").add(b);
        if (value instanceof String s)
            return tagged("string").add(s);
        if (value instanceof byte[] bytes)
            return tagged("bytes").add(Base64.getEncoder().encodeToString(bytes));
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return tagged("bytes").add(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof BigDecimal decimal)
            return tagged("decimal").add(decimal.unscaledValue().toString()).add(decimal.scale());
        if (value instanceof java.util.Date date)
            return tagged("date").add(Long.toString(date.getTime()));
        if (value instanceof List<?> list) {
            ArrayNode items = Json.NODES.arrayNode();
            for (Object item : list)
                items.add(describe(item));
            return tagged("array").add(items);
        }
        if (value instanceof Map<?, ?> map) {
            ArrayNode entries = Json.NODES.arrayNode();
            for (Map.Entry<?, ?> entry : map.entrySet())
                entries.addArray().add(describe(entry.getKey())).add(describe(entry.getValue()));
            return tagged("map").add(entries);
        }
        if (value instanceof Struct struct) {
            ArrayNode fields = Json.NODES.arrayNode();
            for (Field field : struct.schema().fields())
                fields.addArray().add(field.name()).add(describe(struct.getWithoutDefault(field.name())));
            return tagged("struct").add(SchemaDescriptions.describe(struct.schema())).add(fields);
        }
        throw new DescriptionException("No value description for Java class " + value.getClass().getName());
    }

    static Object construct(JsonNode description) {
        if (description == null || description.isNull())
            return null;
        if (!description.isArray() || description.isEmpty() || !description.get(0).isTextual())
            throw new DescriptionException("A value description must be null or [\"<tag>\", ...], got "
                    + Json.excerpt(description));
        String tag = description.get(0).textValue();
        return switch (tag) {
            case "int8", "int16", "int32", "int64" -> integer(tag, text(description));
            case "float32" -> Float.intBitsToFloat(Integer.parseUnsignedInt(hex(description, HEX8), 16));
            case "float64" -> Double.longBitsToDouble(Long.parseUnsignedLong(hex(description, HEX16), 16));
            case "boolean" -> {
                JsonNode b = payload(description, 2);
                if (!b.isBoolean())
                    throw malformed(description, "[\"boolean\", true|false]");
                yield b.booleanValue();
            }
            case "string" -> text(description);
            case "bytes" -> {
                try {
                    yield Base64.getDecoder().decode(text(description));
                } catch (IllegalArgumentException e) {
                    throw new DescriptionException("Not standard base64 in " + Json.excerpt(description), e);
                }
            }
            case "decimal" -> {
                JsonNode scale = description.size() == 3 ? description.get(2) : null;
                if (scale == null || !scale.isInt() || !description.get(1).isTextual())
                    throw malformed(description, "[\"decimal\", \"<unscaled decimal>\", <scale int>]");
                yield new BigDecimal(bigInteger(description.get(1).textValue(), description), scale.intValue());
            }
            case "date" -> new java.util.Date(longValue(text(description), description));
            case "array" -> {
                List<Object> list = new ArrayList<>();
                for (JsonNode item : array(payload(description, 2), description))
                    list.add(construct(item));
                yield list;
            }
            case "map" -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (JsonNode entry : array(payload(description, 2), description)) {
                    if (!entry.isArray() || entry.size() != 2)
                        throw malformed(description, "[\"map\", [[key, value], ...]]");
                    map.put(construct(entry.get(0)), construct(entry.get(1)));
                }
                yield map;
            }
            case "struct" -> struct(description);
            default -> throw new DescriptionException("Unknown value tag \"" + tag + "\" in " + Json.excerpt(description));
        };
    }

    /** Kafka's {@link Struct#put} validates each value; a null is left unset so a test can build an invalid struct. */
    private static Struct struct(JsonNode description) {
        if (description.size() != 3 || !description.get(2).isArray())
            throw malformed(description, "[\"struct\", <schema>, [[name, value], ...]]");
        Schema schema = SchemaDescriptions.construct(description.get(1));
        if (schema.type() != Schema.Type.STRUCT)
            throw new DescriptionException("A struct's schema must be of type STRUCT in " + Json.excerpt(description));
        JsonNode values = description.get(2);
        List<Field> fields = schema.fields();
        if (values.size() != fields.size())
            throw new DescriptionException("A struct must list its " + fields.size() + " fields in order, got "
                    + values.size() + " in " + Json.excerpt(description));
        Struct struct = new Struct(schema);
        for (int i = 0; i < fields.size(); i++) {
            JsonNode entry = values.get(i);
            String expected = fields.get(i).name();
            if (!entry.isArray() || entry.size() != 2 || !expected.equals(entry.get(0).asText()))
                throw new DescriptionException("Field " + i + " of the struct must be [\"" + expected
                        + "\", value], got " + Json.excerpt(entry));
            Object value = construct(entry.get(1));
            if (value != null)
                struct.put(expected, value);
        }
        return struct;
    }

    private static ArrayNode tagged(String tag) {
        return Json.NODES.arrayNode().add(tag);
    }

    private static String integerTag(Object value) {
        if (value instanceof Byte)
            return "int8";
        if (value instanceof Short)
            return "int16";
        return value instanceof Integer ? "int32" : "int64";
    }

    private static Object integer(String tag, String text) {
        try {
            return switch (tag) {
                case "int8" -> Byte.parseByte(text);
                case "int16" -> Short.parseShort(text);
                case "int32" -> Integer.parseInt(text);
                default -> Long.parseLong(text);
            };
        } catch (NumberFormatException e) {
            throw new DescriptionException("\"" + text + "\" is not a decimal " + tag + " value", e);
        }
    }

    private static long longValue(String text, JsonNode description) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new DescriptionException("\"" + text + "\" is not a decimal int64 in " + Json.excerpt(description), e);
        }
    }

    private static BigInteger bigInteger(String text, JsonNode description) {
        try {
            return new BigInteger(text);
        } catch (NumberFormatException e) {
            throw new DescriptionException("\"" + text + "\" is not a decimal integer in " + Json.excerpt(description), e);
        }
    }

    private static String hex(JsonNode description, Pattern pattern) {
        String text = text(description);
        if (!pattern.matcher(text).matches())
            throw new DescriptionException("Expected " + (pattern == HEX8 ? 8 : 16)
                    + " lowercase hex digits of the raw IEEE 754 bits in " + Json.excerpt(description));
        return text;
    }

    /** The second element of a two-element tagged description, which must be a string. */
    private static String text(JsonNode description) {
        JsonNode node = payload(description, 2);
        if (!node.isTextual())
            throw malformed(description, "[\"" + description.get(0).textValue() + "\", \"<string>\"]");
        return node.textValue();
    }

    private static JsonNode payload(JsonNode description, int size) {
        if (description.size() != size)
            throw new DescriptionException("A \"" + description.get(0).textValue() + "\" description has " + size
                    + " elements, got " + Json.excerpt(description));
        return description.get(1);
    }

    private static ArrayNode array(JsonNode node, JsonNode description) {
        if (!node.isArray())
            throw malformed(description, "[\"" + description.get(0).textValue() + "\", [...]]");
        return (ArrayNode) node;
    }

    private static DescriptionException malformed(JsonNode description, String shape) {
        return new DescriptionException("Expected " + shape + ", got " + Json.excerpt(description));
    }
}
