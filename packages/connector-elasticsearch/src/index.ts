/**
 * @packageDocumentation
 * @module @tributary/connector-elasticsearch
 */

export { VERSION } from "./version.js";
