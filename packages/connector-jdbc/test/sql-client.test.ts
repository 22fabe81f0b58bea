import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConnectionUrl } from "../src/connection/connection-url.js";
import { openSqlClient } from "../src/connection/open-sql-client.js";
import type { SqlClient } from "../src/connection/sql-client.js";
import { SqlConnectionError, SqlStatementError } from "../src/connection/sql-errors.js";
import { testDatabases, uniqueTable } from "./test-databases.js";

for (const db of testDatabases()) {
  describe.skipIf(db.url === "")(`SqlClient on ${db.name}`, () => {
    let client: SqlClient;
    const table = uniqueTable("client");
    const q = (name: string) => (db.name === "mariadb" ? `\`${name}\`` : `"${name}"`);
    const p = (i: number) => (db.name === "postgresql" ? `$${i}` : "?");

    beforeAll(async () => {
      client = openSqlClient(parseConnectionUrl(db.url));
      await client.query(`CREATE TABLE ${q(table)} (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)`);
    });
    afterAll(async () => {
      await client.query(`DROP TABLE ${q(table)}`).catch(() => undefined);
      await client.close();
    });

    it("binds parameters and returns rows by column name", async () => {
      const insert = await client.query(`INSERT INTO ${q(table)} (id, name) VALUES (${p(1)}, ${p(2)})`, [
        1,
        "a?b'c",
      ]);
      expect(insert.rowCount).toBe(1);
      const { rows, columns } = await client.query(
        `SELECT id, name FROM ${q(table)} WHERE id = ${p(1)}`,
        [1],
      );
      expect(columns).toEqual(["id", "name"]);
      expect(rows.map((r) => Number(r.id))).toEqual([1]);
      expect(rows[0]?.name).toBe("a?b'c");
    });

    it("streams rows in batches of the fetch size", async () => {
      await client.transaction(async (tx) => {
        for (let i = 10; i < 35; i++) {
          await tx.query(`INSERT INTO ${q(table)} (id, name) VALUES (${p(1)}, ${p(2)})`, [i, `n${i}`], {
            prepare: true,
          });
        }
      });
      const sizes: number[] = [];
      const ids: number[] = [];
      for await (const batch of client.stream(
        `SELECT id FROM ${q(table)} WHERE id >= ${p(1)} ORDER BY id`,
        [10],
        10,
      )) {
        sizes.push(batch.length);
        for (const row of batch) ids.push(Number(row.id));
      }
      expect(sizes).toEqual([10, 10, 5]);
      expect(ids[0]).toBe(10);
      expect(ids.at(-1)).toBe(34);
      // The connection is usable again after a stream, also one stopped early.
      for await (const _ of client.stream(`SELECT id FROM ${q(table)}`, [], 2)) break;
      expect((await client.query(`SELECT COUNT(*) AS n FROM ${q(table)}`)).rows.length).toBe(1);
    });

    it("rolls back a failed transaction and only the failed savepoint of a nested one", async () => {
      await expect(
        client.transaction(async (tx) => {
          await tx.query(`INSERT INTO ${q(table)} (id, name) VALUES (${p(1)}, ${p(2)})`, [100, "x"]);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      await client.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${q(table)} (id, name) VALUES (${p(1)}, ${p(2)})`, [101, "kept"]);
        const nested = tx.transaction(async (inner) => {
          await inner.query(`INSERT INTO ${q(table)} (id, name) VALUES (${p(1)}, ${p(2)})`, [1, "duplicate"]);
        });
        await expect(nested).rejects.toBeInstanceOf(SqlStatementError);
      });
      const { rows } = await client.query(`SELECT id FROM ${q(table)} WHERE id >= 100 ORDER BY id`);
      expect(rows.map((r) => Number(r.id))).toEqual([101]);
    });

    it("classifies a constraint violation as a statement error", async () => {
      const error = await client
        .query(`INSERT INTO ${q(table)} (id, name) VALUES (${p(1)}, ${p(2)})`, [1, "again"])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SqlStatementError);
      expect((error as SqlStatementError).isConstraintViolation()).toBe(true);
      expect((error as SqlStatementError).retriable).toBe(false);
    });
  });
}

describe("SqlClient connection failures", () => {
  it("are retriable SqlConnectionErrors naming the server but not the password", async () => {
    for (const url of [
      "jdbc:postgresql://127.0.0.1:1/test?password=s3cret",
      "jdbc:mysql://127.0.0.1:1/test?password=s3cret",
    ]) {
      const client = openSqlClient(parseConnectionUrl(url));
      const error = await client.query("SELECT 1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SqlConnectionError);
      expect((error as SqlConnectionError).retriable).toBe(true);
      expect((error as Error).message).toContain("127.0.0.1:1");
      expect((error as Error).message).not.toContain("s3cret");
      await client.close();
    }
  });
});
