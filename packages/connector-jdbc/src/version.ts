/** The version of `@tributary/connector-jdbc`, reported by its connectors and tasks; kept equal to package.json's. */
export const VERSION = "0.1.0";
