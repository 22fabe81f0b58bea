/**
 * Kafka Connect's single message transforms and predicates for Tributary.
 *
 * @packageDocumentation
 * @module @tributary/transforms
 */

export {};
