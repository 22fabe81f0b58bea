/** The version of `@tributary/connector-elasticsearch`, reported by its connectors and tasks; kept equal to package.json's. */
export const VERSION = "0.1.0";
