/** @packageDocumentation @module @tributary/converters */
export {};
