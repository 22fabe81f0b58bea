/**
 * Test harnesses and contract suites for Tributary connector authors.
 *
 * @packageDocumentation
 * @module @tributary/testkit
 */

export {};
