package dev.tributary.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Entry point: a long-lived process that answers JSON-lines requests on stdin with JSON-lines responses on
 * stdout, one response per request, in order, until stdin closes.
 *
 * <p>Request: {@code {"id": n, "op": "...", ...op fields}}. Response: {@code {"id": n, "ok": true, ...result}}
 * or {@code {"id": n, "ok": false, "error": "<SimpleClassName>: <message>"}}, plus
 * {@code "causes"} (the same summaries for the cause chain) when there are any. An exception
 * fails only its own request. Stdout carries nothing but responses: {@code System.out} is sent to stderr
 * before any Kafka class loads, and Kafka's SLF4J logging goes to the no-op binding.
 */
public final class ConformanceHarness {
    private final Map<String, OpHandler> handlers = new TreeMap<>();

    private ConformanceHarness() {
        for (OpFamily family : families())
            family.register(handlers);
    }

    /** Every op family. Add new ones here. */
    private static List<OpFamily> families() {
        return List.of(
                new DescribeOps(),
                new JsonConverterOps(),
                new TransformOps());
    }

    public static void main(String[] args) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        System.setOut(System.err);
        ConformanceHarness harness = new ConformanceHarness();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank())
                continue;
            out.write(Json.MAPPER.writeValueAsString(harness.answer(line)));
            out.write('\n');
            out.flush();
        }
    }

    private ObjectNode answer(String line) {
        ObjectNode response = Json.NODES.objectNode();
        response.putNull("id");
        try {
            JsonNode parsed = Json.MAPPER.readTree(line);
            if (parsed == null || !parsed.isObject())
                throw new ProtocolException("A request must be a JSON object, got " + Json.excerpt(parsed));
            ObjectNode request = (ObjectNode) parsed;
            if (request.has("id"))
                response.set("id", request.get("id"));
            JsonNode op = request.get("op");
            if (op == null || !op.isTextual())
                throw new ProtocolException("A request needs \"op\" (a string), got " + Json.excerpt(request));
            OpHandler handler = handlers.get(op.textValue());
            if (handler == null)
                throw new ProtocolException("Unknown op \"" + op.textValue() + "\"; the ops are " + handlers.keySet());
            ObjectNode result = handler.handle(new Request(op.textValue(), request));
            response.put("ok", true);
            response.setAll(result);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError))
                throw (VirtualMachineError) t;
            if (System.getenv("TRIBUTARY_HARNESS_DEBUG") != null)
                t.printStackTrace();
            response.put("ok", false);
            response.put("error", summary(t));
            ArrayNode causes = Json.NODES.arrayNode();
            Throwable cause = t.getCause();
            for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause())
                causes.add(summary(cause));
            if (!causes.isEmpty())
                response.set("causes", causes);
        }
        return response;
    }

    /** "SimpleClassName: message", or the bare name when there is no message (as Throwable.toString does). */
    private static String summary(Throwable t) {
        String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
