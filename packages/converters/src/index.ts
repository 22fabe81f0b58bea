/** @packageDocumentation @module @tributary/converters */
export { ByteArrayConverter } from "./byte-array-converter.js";
export { ConverterConfig, type ConverterType } from "./converter-config.js";
export { SimpleHeaderConverter, SimpleHeaderConverterConfig } from "./header/simple-header-converter.js";
export { JsonConverter } from "./json/json-converter.js";
export { JsonConverterConfig, type JsonConverterConfigType } from "./json/json-converter-config.js";
export { BooleanConverter } from "./number/boolean-converter.js";
export { DoubleConverter } from "./number/double-converter.js";
export { FloatConverter } from "./number/float-converter.js";
export { IntegerConverter } from "./number/integer-converter.js";
export { LongConverter } from "./number/long-converter.js";
export { NumberConverter } from "./number/number-converter.js";
export { ShortConverter } from "./number/short-converter.js";
export { tributaryPlugins } from "./plugins.js";
export { StringConverter } from "./string/string-converter.js";
export { StringConverterConfig, type StringConverterConfigType } from "./string/string-converter-config.js";
