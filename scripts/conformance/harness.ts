import { type ChildProcessWithoutNullStreams, execFile, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { HarnessOp, HarnessOps } from "./protocol.js";

export type * from "./protocol.js";

const HARNESS_DIR = fileURLToPath(new URL(".", import.meta.url));
const MAIN_CLASS = "dev.tributary.conformance.ConformanceHarness";
const CLASS_PATH = "target/tributary-conformance.jar:target/lib/*";
const STDERR_TAIL = 8_192;
/** `$JAVA_HOME/bin/java` when JAVA_HOME is set (so a test run can pick the JDK), else `java` from PATH. */
const JAVA = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
const INSTALL_HINT =
  "install a JDK 17+ and Maven 3.8+ and put `java` and `mvn` on PATH, or set JAVA_HOME " +
  "(Debian/Ubuntu: apt-get install -y openjdk-17-jdk-headless maven)";

/**
 * A running Java conformance harness: Apache Kafka's own Connect code answering requests in a child process.
 *
 * Requests may be sent concurrently; each promise settles with its own response (matched by id). After
 * `close()` resolves, or once the process has died, every request rejects.
 */
export interface JavaHarness {
  /** The Kafka and Java versions the harness runs, read when it started. */
  readonly versions: HarnessOps["harness.versions"]["response"];
  /**
   * Sends one request and resolves with the result fields of its response.
   * @throws {@link JavaHarnessError} when Java answered `ok: false`, carrying the Java error text.
   */
  request<Op extends HarnessOp>(op: Op, body: HarnessOps[Op]["request"]): Promise<HarnessOps[Op]["response"]>;
  /** Closes the harness's stdin and waits for the process to exit (killing it after 5 s). */
  close(): Promise<void>;
}

/** Java or Maven is missing, so the harness cannot be built or run; `missing` names what to install. */
export class JavaHarnessUnavailableError extends Error {
  override readonly name = "JavaHarnessUnavailableError";

  constructor(readonly missing: readonly string[]) {
    super(
      `${process.env.CI === "true" ? "CI=true, so the Java conformance tests must run, but " : ""}` +
        `the Java conformance harness needs ${missing.join(" and ")}: ${INSTALL_HINT}.`,
    );
  }
}

/** Java answered a request with `ok: false`; the message is Java's `"<ExceptionSimpleName>: <message>"`. */
export class JavaHarnessError extends Error {
  override readonly name = "JavaHarnessError";

  constructor(
    readonly op: string,
    message: string,
    /** The same summaries for the exception's causes, outermost first. */
    readonly causes: readonly string[],
  ) {
    super(message);
  }
}

/**
 * Builds the harness if needed (scripts/conformance/build.sh), starts it, and waits until it answers.
 *
 * The first build downloads Kafka's jars and the Maven plugins from Maven Central (about 25 s on a warm
 * network; allow a few minutes); a rebuild after a Java or pom change takes ~5 s; when nothing changed, the
 * build check takes milliseconds and the JVM starts in about half a second. Set
 * `TRIBUTARY_HARNESS_DEBUG=1` to see Java's stderr and stack traces. The JVM is `$JAVA_HOME/bin/java` when
 * JAVA_HOME is set, else `java` from PATH; it matters: Java 17's `Float.toString`/`Double.toString` (which
 * Kafka's JSON output uses) are not always the shortest form, Java 19+ ones are.
 * @throws {@link JavaHarnessUnavailableError} when `java` (17+) or `mvn` is missing, whether or not `CI=true`;
 *   the caller decides whether that fails or skips its tests (Tributary's own tests fail).
 */
export async function startJavaHarness(): Promise<JavaHarness> {
  const missing = missingTools();
  if (missing.length > 0) throw new JavaHarnessUnavailableError(missing);
  await build();
  const harness = new HarnessProcess(
    spawn(JAVA, ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", CLASS_PATH, MAIN_CLASS], {
      cwd: HARNESS_DIR,
      stdio: ["pipe", "pipe", "pipe"],
    }),
  );
  try {
    const versions = await harness.request("harness.versions", {});
    return {
      versions,
      request: (op, body) => harness.request(op, body),
      close: () => harness.close(),
    };
  } catch (error) {
    await harness.close();
    throw error;
  }
}

function missingTools(): string[] {
  const missing: string[] = [];
  const java = spawnSync(JAVA, ["-version"], { encoding: "utf8" });
  const javaMajor = /version "(\d+)/.exec(`${java.stderr ?? ""}`)?.[1];
  if (java.error || javaMajor === undefined) missing.push(`\`${JAVA}\` (JDK 17+), not found`);
  else if (Number(javaMajor) < 17) missing.push(`\`java\` 17+ (found Java ${javaMajor})`);
  if (spawnSync("mvn", ["-v"], { encoding: "utf8" }).error)
    missing.push("`mvn` (Maven 3.8+), not found on PATH");
  return missing;
}

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      "bash",
      [`${HARNESS_DIR}build.sh`],
      { cwd: HARNESS_DIR, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error)
          reject(new Error(`Building the Java conformance harness failed (${error.message}):\n${stderr}`));
        else resolve();
      },
    );
  });
}

interface Pending {
  op: string;
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/** The child process and its JSON-lines conversation. */
class HarnessProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stderrTail = "";
  private exited: Error | undefined;
  private readonly exit: Promise<void>;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    this.exit = new Promise((resolve) => {
      child.once("error", (error) => {
        this.fail(new Error(`The Java conformance harness could not run: ${error.message}`));
        resolve();
      });
      child.once("exit", (code, signal) => {
        this.fail(
          new Error(
            `The Java conformance harness exited (${signal ?? `code ${code}`}). Its stderr ended with:\n${this.stderrTail}`,
          ),
        );
        resolve();
      });
    });
    child.stdin.on("error", () => {
      // A dead process is reported by the "exit" handler, with its stderr.
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
      if (process.env.TRIBUTARY_HARNESS_DEBUG) process.stderr.write(chunk);
    });
    createInterface({ input: child.stdout }).on("line", (line) => this.onLine(line));
  }

  request<Op extends HarnessOp>(
    op: Op,
    body: HarnessOps[Op]["request"],
  ): Promise<HarnessOps[Op]["response"]> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        op,
        resolve: (result) => resolve(result as HarnessOps[Op]["response"]),
        reject,
      });
      this.child.stdin.write(`${JSON.stringify({ ...body, id, op })}\n`);
    });
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
    await this.exit;
    clearTimeout(timer);
  }

  private onLine(line: string): void {
    let response: Record<string, unknown>;
    try {
      response = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.stderrTail = `${this.stderrTail}\n(stdout) ${line}`.slice(-STDERR_TAIL);
      return;
    }
    const { id, ok, error, causes, ...result } = response;
    const waiting = typeof id === "number" ? this.pending.get(id) : undefined;
    if (!waiting) {
      // Only a request the harness could not parse has no id; ours are always well-formed.
      this.stderrTail = `${this.stderrTail}\n(unmatched response) ${line}`.slice(-STDERR_TAIL);
      return;
    }
    this.pending.delete(id as number);
    if (ok === true) waiting.resolve(result);
    else
      waiting.reject(
        new JavaHarnessError(
          waiting.op,
          String(error),
          Array.isArray(causes) ? causes.map((cause) => String(cause)) : [],
        ),
      );
  }

  private fail(error: Error): void {
    this.exited ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.exited);
    this.pending.clear();
  }
}
