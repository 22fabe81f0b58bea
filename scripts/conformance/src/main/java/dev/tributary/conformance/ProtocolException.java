package dev.tributary.conformance;

/** A request that the harness cannot understand: unknown op, missing or mistyped field, malformed JSON. */
final class ProtocolException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
        super(message);
    }
}
