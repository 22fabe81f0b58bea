/** @packageDocumentation @module @tributary/converters */
export { ConverterConfig, type ConverterType } from "./converter-config.js";
export { JsonConverter } from "./json/json-converter.js";
export { JsonConverterConfig, type JsonConverterConfigType } from "./json/json-converter-config.js";
