package dev.tributary.conformance;

import java.util.Map;

/**
 * A group of related ops (all the JsonConverter ops, all the SMT ops, ...) registered under their names.
 *
 * <p>Each family is one class; adding a family means adding one line to {@link ConformanceHarness#families()}.
 */
interface OpFamily {
    /** Puts this family's handlers into {@code handlers}, keyed by op name such as {@code "json.toConnect"}. */
    void register(Map<String, OpHandler> handlers);
}
