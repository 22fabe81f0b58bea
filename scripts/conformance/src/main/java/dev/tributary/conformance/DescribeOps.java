package dev.tributary.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;

/** Ops about the harness itself: the description self-test and the versions in use. */
final class DescribeOps implements OpFamily {
    @Override
    public void register(Map<String, OpHandler> handlers) {
        handlers.put("describe.roundTrip", DescribeOps::roundTrip);
        handlers.put("harness.versions", DescribeOps::versions);
    }

    /** {@code {data}} -> construct, then describe -> {@code {"data": ...}}; equal to the input when both are right. */
    private static ObjectNode roundTrip(Request request) {
        ObjectNode out = Json.NODES.objectNode();
        out.set("data", DataDescriptions.describe(DataDescriptions.construct(request.node("data"))));
        return out;
    }

    /** {@code {}} -> {@code {"kafka": "4.1.1", "java": "17..."}}, so a test can check what it compares against. */
    private static ObjectNode versions(Request request) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("kafka", AppInfoParser.getVersion());
        out.put("java", System.getProperty("java.version"));
        return out;
    }
}
