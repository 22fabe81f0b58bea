package dev.tributary.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/** Top-level data, {@code {"schema": <schema description or null>, "value": <value description>}}, both ways. */
final class DataDescriptions {
    private DataDescriptions() {
    }

    static ObjectNode describe(Schema schema, Object value) {
        ObjectNode out = Json.NODES.objectNode();
        out.set("schema", schema == null ? Json.NODES.nullNode() : SchemaDescriptions.describe(schema));
        out.set("value", ValueDescriptions.describe(value));
        return out;
    }

    static ObjectNode describe(SchemaAndValue data) {
        return describe(data.schema(), data.value());
    }

    static SchemaAndValue construct(JsonNode description) {
        if (description == null || !description.isObject() || description.size() != 2
                || !description.has("schema") || !description.has("value"))
            throw new DescriptionException("Data must be {\"schema\": <schema or null>, \"value\": <value>}, got "
                    + Json.excerpt(description));
        JsonNode schema = description.get("schema");
        return new SchemaAndValue(
                schema.isNull() ? null : SchemaDescriptions.construct(schema),
                ValueDescriptions.construct(description.get("value")));
    }
}
