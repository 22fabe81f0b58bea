package dev.tributary.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The canonical schema description, both ways.
 *
 * <pre>
 * {"type": "INT8"|...|"STRUCT", "optional": bool, "name"?: str, "version"?: int, "doc"?: str,
 *  "parameters"?: {str: str}, "default"?: value, "fields"?: [{"name": str, "schema": schema}],
 *  "keySchema"?: schema, "valueSchema"?: schema}
 * </pre>
 *
 * Properties that are null on the Java schema are omitted; "fields" only for STRUCT, "keySchema" and
 * "valueSchema" for MAP, "valueSchema" for ARRAY. Keys are written in the order above.
 */
final class SchemaDescriptions {
    private static final Set<String> KEYS = Set.of(
            "type", "optional", "name", "version", "doc", "parameters", "default", "fields", "keySchema", "valueSchema");

    private SchemaDescriptions() {
    }

    static ObjectNode describe(Schema schema) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("type", schema.type().name());
        out.put("optional", schema.isOptional());
        if (schema.name() != null)
            out.put("name", schema.name());
        if (schema.version() != null)
            out.put("version", schema.version());
        if (schema.doc() != null)
            out.put("doc", schema.doc());
        if (schema.parameters() != null) {
            ObjectNode parameters = out.putObject("parameters");
            schema.parameters().forEach(parameters::put);
        }
        if (schema.defaultValue() != null)
            out.set("default", ValueDescriptions.describe(schema.defaultValue()));
        switch (schema.type()) {
            case STRUCT -> {
                ArrayNode fields = out.putArray("fields");
                for (Field field : schema.fields()) {
                    ObjectNode f = fields.addObject();
                    f.put("name", field.name());
                    f.set("schema", describe(field.schema()));
                }
            }
            case MAP -> {
                putChild(out, "keySchema", schema.keySchema());
                putChild(out, "valueSchema", schema.valueSchema());
            }
            case ARRAY -> putChild(out, "valueSchema", schema.valueSchema());
            default -> {
            }
        }
        return out;
    }

    /**
     * A MAP's or ARRAY's child schema; left out when Kafka built the schema without one, as
     * {@code Values.parseString} does for an empty or mixed array or map.
     */
    private static void putChild(ObjectNode out, String key, Schema child) {
        if (child != null)
            out.set(key, describe(child));
    }

    /**
     * Builds the schema with {@link SchemaBuilder}, so Kafka validates it as it would any schema (a default
     * that does not fit its schema is Kafka's {@code SchemaBuilderException}).
     */
    static Schema construct(JsonNode description) {
        if (description == null || !description.isObject())
            throw new DescriptionException("A schema description must be an object, got " + Json.excerpt(description));
        for (Map.Entry<String, JsonNode> entry : description.properties()) {
            if (!KEYS.contains(entry.getKey()))
                throw new DescriptionException("Unknown key \"" + entry.getKey() + "\" in schema description "
                        + Json.excerpt(description) + "; the keys are " + KEYS);
        }
        Schema.Type type = type(description);
        JsonNode fields = present(description, "fields");
        JsonNode keySchema = present(description, "keySchema");
        JsonNode valueSchema = present(description, "valueSchema");
        expect(fields != null, type == Schema.Type.STRUCT, "fields", description);
        expect(keySchema != null, type == Schema.Type.MAP, "keySchema", description);
        expect(valueSchema != null, type == Schema.Type.MAP || type == Schema.Type.ARRAY, "valueSchema", description);

        SchemaBuilder builder = switch (type) {
            case STRUCT -> struct(fields, description);
            case MAP -> SchemaBuilder.map(construct(keySchema), construct(valueSchema));
            case ARRAY -> SchemaBuilder.array(construct(valueSchema));
            default -> SchemaBuilder.type(type);
        };

        JsonNode optional = description.get("optional");
        if (optional == null || !optional.isBoolean())
            throw new DescriptionException("\"optional\" must be true or false in " + Json.excerpt(description));
        if (optional.booleanValue())
            builder.optional();
        JsonNode name = present(description, "name");
        if (name != null)
            builder.name(text(name, "name", description));
        JsonNode version = present(description, "version");
        if (version != null) {
            if (!version.isInt())
                throw new DescriptionException("\"version\" must be a 32-bit integer in " + Json.excerpt(description));
            builder.version(version.intValue());
        }
        JsonNode doc = present(description, "doc");
        if (doc != null)
            builder.doc(text(doc, "doc", description));
        JsonNode parameters = present(description, "parameters");
        if (parameters != null)
            builder.parameters(parameters(parameters, description));
        // Last, because Kafka validates a default against the name (logical types) and the rest of the schema.
        JsonNode defaultValue = present(description, "default");
        if (defaultValue != null)
            builder.defaultValue(ValueDescriptions.construct(defaultValue));
        return builder.build();
    }

    private static Schema.Type type(JsonNode description) {
        JsonNode type = description.get("type");
        if (type == null || !type.isTextual())
            throw new DescriptionException("\"type\" must be a string in " + Json.excerpt(description));
        try {
            return Schema.Type.valueOf(type.textValue());
        } catch (IllegalArgumentException e) {
            throw new DescriptionException("Unknown schema type " + type + "; the types are "
                    + Arrays.toString(Schema.Type.values()));
        }
    }

    private static SchemaBuilder struct(JsonNode fields, JsonNode description) {
        if (!fields.isArray())
            throw new DescriptionException("\"fields\" must be an array in " + Json.excerpt(description));
        SchemaBuilder builder = SchemaBuilder.struct();
        for (JsonNode field : fields) {
            JsonNode name = field.get("name");
            JsonNode schema = field.get("schema");
            if (!field.isObject() || field.size() != 2 || name == null || !name.isTextual() || schema == null)
                throw new DescriptionException("A field must be {\"name\": string, \"schema\": schema}, got "
                        + Json.excerpt(field));
            builder.field(name.textValue(), construct(schema));
        }
        return builder;
    }

    private static Map<String, String> parameters(JsonNode parameters, JsonNode description) {
        if (!parameters.isObject())
            throw new DescriptionException("\"parameters\" must be an object of strings in " + Json.excerpt(description));
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : parameters.properties())
            result.put(entry.getKey(), text(entry.getValue(), "parameters." + entry.getKey(), description));
        return result;
    }

    /** The node of an optional property, treating JSON null like absence. */
    private static JsonNode present(JsonNode description, String key) {
        JsonNode node = description.get(key);
        return node == null || node.isNull() ? null : node;
    }

    private static String text(JsonNode node, String key, JsonNode description) {
        if (!node.isTextual())
            throw new DescriptionException("\"" + key + "\" must be a string in " + Json.excerpt(description));
        return node.textValue();
    }

    private static void expect(boolean present, boolean wanted, String key, JsonNode description) {
        if (present != wanted)
            throw new DescriptionException((wanted ? "Missing \"" : "Unexpected \"") + key + "\" for type "
                    + description.get("type") + " in " + Json.excerpt(description));
    }
}
