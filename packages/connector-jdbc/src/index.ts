/**
 * @packageDocumentation
 * @module @tributary/connector-jdbc
 */

export { VERSION } from "./version.js";
