package dev.tributary.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One operation of the protocol: reads its request and returns the fields of a successful response.
 *
 * <p>The returned object holds only the op's own result fields; the harness adds {@code id} and
 * {@code ok}. Any exception becomes an {@code ok:false} response for this request alone.
 */
@FunctionalInterface
interface OpHandler {
    ObjectNode handle(Request request) throws Exception;
}
