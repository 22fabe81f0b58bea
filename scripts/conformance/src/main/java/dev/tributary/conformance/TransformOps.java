package dev.tributary.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Kafka's single message transforms and predicates: {@code transform.apply} and {@code predicate.test}.
 *
 * <p>Each request carries {@code className} (a Kafka class name such as
 * {@code org.apache.kafka.connect.transforms.InsertField$Value}), {@code config} (string to string, given to
 * {@code configure}) and {@code record} (a {@link RecordDescriptions record description}). One configured instance
 * is kept per (className, config), as a worker keeps one per connector task and alias, so the transforms' schema
 * caches behave as in Kafka Connect. A config that {@code configure} rejects is not cached, so it fails on every
 * request with Kafka's own exception ({@code ConfigException}, ...).
 */
// Raw types: each Kafka transform is generic in R extends ConnectRecord<R>, and one instance handles source and
// sink records alike, as in a worker; there is no wildcard that says so.
@SuppressWarnings({"rawtypes", "unchecked"})
final class TransformOps implements OpFamily {
    private record PluginKey(String className, Map<String, String> config) {
    }

    private final Map<PluginKey, Transformation> transformations = new HashMap<>();
    private final Map<PluginKey, Predicate> predicates = new HashMap<>();

    @Override
    public void register(Map<String, OpHandler> handlers) {
        handlers.put("transform.apply", this::apply);
        handlers.put("predicate.test", this::test);
    }

    /** {@code {className, config, record}} -> {@code {"record": <record description or null when dropped>}}. */
    private ObjectNode apply(Request request) throws ReflectiveOperationException {
        Transformation transformation = transformation(request);
        ConnectRecord<?> result = transformation.apply(RecordDescriptions.construct(request.node("record")));
        ObjectNode out = Json.NODES.objectNode();
        out.set("record", result == null ? Json.NODES.nullNode() : RecordDescriptions.describe(result));
        return out;
    }

    /** {@code {className, config, record}} -> {@code {"result": true|false}}. */
    private ObjectNode test(Request request) throws ReflectiveOperationException {
        Predicate predicate = predicate(request);
        ObjectNode out = Json.NODES.objectNode();
        out.put("result", predicate.test(RecordDescriptions.construct(request.node("record"))));
        return out;
    }

    private Transformation transformation(Request request) throws ReflectiveOperationException {
        PluginKey key = key(request);
        Transformation cached = transformations.get(key);
        if (cached != null)
            return cached;
        Transformation created = (Transformation) create(key, Transformation.class);
        created.configure(key.config());
        transformations.put(key, created);
        return created;
    }

    private Predicate predicate(Request request) throws ReflectiveOperationException {
        PluginKey key = key(request);
        Predicate cached = predicates.get(key);
        if (cached != null)
            return cached;
        Predicate created = (Predicate) create(key, Predicate.class);
        created.configure(key.config());
        predicates.put(key, created);
        return created;
    }

    private static PluginKey key(Request request) {
        return new PluginKey(request.string("className"), request.stringMap("config"));
    }

    /** A new instance of the named class, which must implement {@code kind}, made as a worker makes plugins. */
    private static Object create(PluginKey key, Class<?> kind) throws ReflectiveOperationException {
        Class<?> type;
        try {
            type = Class.forName(key.className());
        } catch (ClassNotFoundException e) {
            throw new ProtocolException("No class " + key.className() + " on the harness's class path");
        }
        if (!kind.isAssignableFrom(type))
            throw new ProtocolException(key.className() + " is not a " + kind.getName());
        return type.getDeclaredConstructor().newInstance();
    }
}
