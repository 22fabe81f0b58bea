/**
 * Kafka Connect's single message transforms and predicates for Tributary.
 *
 * @packageDocumentation
 * @module @tributary/transforms
 */

export { Cast, CastConfig, type CastConfigType, CastKey, CastValue } from "./cast/cast.js";
