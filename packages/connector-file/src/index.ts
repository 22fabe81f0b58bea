/**
 * File source and sink connectors for Tributary, compatible with Kafka's FileStreamSource and FileStreamSink.
 *
 * @packageDocumentation
 * @module @tributary/connector-file
 */

export {};
