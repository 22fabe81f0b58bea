import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceTaskContract } from "@tributary/testkit";
import { parseConnectionUrl } from "../src/connection/connection-url.js";
import { openSqlClient } from "../src/connection/open-sql-client.js";
import type { SqlClient } from "../src/connection/sql-client.js";
import { JdbcSourceTask } from "../src/source/jdbc-source-task.js";
import { structOf } from "./source/jdbc-source-suite.js";

// The worker's guarantees, checked on a SQLite file (a fresh one per check) in incrementing mode.
let url = "";
let client: SqlClient | undefined;
let next = 0;

sourceTaskContract({
  name: "JdbcSourceTask",
  createTask: () => new JdbcSourceTask(),
  reset: async () => {
    url = `jdbc:sqlite:${join(mkdtempSync(join(tmpdir(), "tributary-jdbc-contract-")), "source.db")}`;
    client = openSqlClient(parseConnectionUrl(url));
    await client.query("CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)");
    next = 0;
  },
  cleanup: async () => {
    await client?.close();
  },
  props: () => ({
    "connection.url": url,
    mode: "incrementing",
    "topic.prefix": "items-",
    "poll.interval.ms": "20",
    tables: JSON.stringify([[null, null, "items"]]),
  }),
  produce: async (count) => {
    for (let i = 0; i < count; i++)
      await client?.query("INSERT INTO items (label) VALUES (?)", [`item ${next++}`]);
  },
  recordId: (record) => structOf(record).get("label"),
});
