import { SchemaBuilder, Struct } from "@tributary/api";
import { sinkTaskContract } from "@tributary/testkit";
import { afterAll, describe } from "vitest";
import { parseConnectionUrl } from "../../src/connection/connection-url.js";
import { openSqlClient } from "../../src/connection/open-sql-client.js";
import { SqlStatementError } from "../../src/connection/sql-errors.js";
import { dialectForUrl } from "../../src/dialect/dialect-for-url.js";
import { JdbcSinkTask } from "../../src/sink/jdbc-sink-task.js";
import { testDatabases, uniqueTable } from "../test-databases.js";

const VALUE = SchemaBuilder.struct().name("Line").field("text", SchemaBuilder.string().build()).build();

for (const db of testDatabases()) {
  describe.skipIf(db.url === "")(`JDBC sink contract on ${db.name}`, () => {
    const client = openSqlClient(parseConnectionUrl(db.url));
    const dialect = dialectForUrl(db.url);
    let table = "";
    afterAll(() => client.close());

    sinkTaskContract({
      name: "JdbcSinkTask",
      createTask: () => new JdbcSinkTask(),
      reset: () => {
        table = uniqueTable("contract");
      },
      // Keyed by topic, partition and offset and upserted: a batch delivered again overwrites itself.
      props: () => ({
        "connection.url": db.url,
        topics: "test-topic",
        "table.name.format": table,
        "insert.mode": "upsert",
        "pk.mode": "kafka",
        "auto.create": "true",
      }),
      record: (i) => ({ value: new Struct(VALUE).put("text", `record-${i}`), valueSchema: VALUE }),
      expected: (_input, i) => `record-${i}`,
      readBack: async () => {
        try {
          const { rows } = await client.query(
            `SELECT ${dialect.quoteIdentifier("text")} AS t FROM ${dialect.quoteIdentifier(table)} ORDER BY ${dialect.quoteIdentifier("__connect_offset")}`,
          );
          return rows.map((row) => row.t);
        } catch (error) {
          // Nothing written yet: the table does not exist.
          if (error instanceof SqlStatementError) return [];
          throw error;
        }
      },
      redelivery: "idempotent",
    });
  });
}
