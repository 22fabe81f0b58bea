package dev.tributary.conformance;

/**
 * A data description that does not follow the canonical format, or a Java value that has no description.
 *
 * <p>Kept apart from Kafka's own exceptions so that a test can tell "the harness was sent nonsense" from
 * "Kafka rejected the data" (those arrive as {@code DataException}, {@code SchemaBuilderException}, ...).
 */
final class DescriptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    DescriptionException(String message) {
        super(message);
    }

    DescriptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
