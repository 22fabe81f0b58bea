/** The version of `@tributary/connector-file`, reported by its connectors and tasks; kept equal to package.json's. */
export const VERSION = "0.1.0";
