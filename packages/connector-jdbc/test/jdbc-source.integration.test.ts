import { describe } from "vitest";
import { jdbcSourceSuite } from "./source/jdbc-source-suite.js";
import { sourceDatabase } from "./source/source-databases.js";
import { testDatabases } from "./test-databases.js";

for (const db of testDatabases()) {
  describe.skipIf(db.url === "")(db.name, () => jdbcSourceSuite(sourceDatabase(db)));
}
