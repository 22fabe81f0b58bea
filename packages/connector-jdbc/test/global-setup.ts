import { execSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import mysql from "mysql2/promise";
import pg from "pg";
import type { TestProject } from "vitest/node";
import ensureKafka from "../../runtime/test/global-setup.js";

/**
 * Makes sure the PostgreSQL and MariaDB servers the integration tests use are up, starting them with the machine's
 * service commands when they are not. Their URLs come from `TRIBUTARY_TEST_POSTGRES_URL` and
 * `TRIBUTARY_TEST_MYSQL_URL`; a server that stays down is a failure under `CI=true` and a skip (one line saying what
 * to start) otherwise. Tests read the outcome with `inject("postgresUrl")` / `inject("mysqlUrl")`: empty means skip.
 * The Kafka broker of the worker end-to-end test comes from the runtime's setup (`inject("kafkaBrokers")`), which
 * starts, shares and stops it as it does for the runtime's tests.
 */
export const POSTGRES_URL =
  process.env.TRIBUTARY_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const MYSQL_URL = process.env.TRIBUTARY_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";

const POSTGRES_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
const MARIADB_START = "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    mysqlUrl: string;
  }
}

async function postgresUp(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function mysqlUp(url: string): Promise<boolean> {
  try {
    const conn = await mysql.createConnection({ uri: url, connectTimeout: 3000 });
    await conn.query("SELECT 1");
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

async function ensure(
  name: string,
  url: string,
  up: (url: string) => Promise<boolean>,
  start: string,
  startable: boolean,
): Promise<string> {
  if (await up(url)) return url;
  if (startable) {
    try {
      execSync(start, { stdio: "ignore", shell: "/bin/sh", timeout: 30_000 });
    } catch {
      // Reported below when the server still does not answer.
    }
    for (let i = 0; i < 30 && !(await up(url)); i++) await new Promise((r) => setTimeout(r, 1000));
    if (await up(url)) return url;
  }
  const message = `${name} is not reachable at ${url.replace(/:[^:@/]*@/, ":*****@")}; start it with: ${start}`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`Skipping ${name} integration tests: ${message}`);
  return "";
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const local = (host: string) => /@(127\.0\.0\.1|localhost)[:/]/.test(host);
  const postgresStartable =
    local(POSTGRES_URL) && existsSync("/etc/postgresql") && readdirSync("/etc/postgresql").length > 0;
  const mysqlStartable = local(MYSQL_URL) && existsSync("/usr/sbin/mariadbd");
  const [postgresUrl, mysqlUrl, stopKafka] = await Promise.all([
    ensure("PostgreSQL", POSTGRES_URL, postgresUp, POSTGRES_START, postgresStartable),
    ensure("MariaDB", MYSQL_URL, mysqlUp, MARIADB_START, mysqlStartable),
    ensureKafka(project),
  ]);
  project.provide("postgresUrl", postgresUrl);
  project.provide("mysqlUrl", mysqlUrl);
  return stopKafka;
}
