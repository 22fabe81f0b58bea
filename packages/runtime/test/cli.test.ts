/** The `tributary` command as a user runs it: the built bin, its exit codes, and what it prints. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/tributary.js", import.meta.url));

function run(args: string[], cwd?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tributary-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("tributary command", () => {
  it("prints help and exits 0, and rejects an unknown command with exit code 2", () => {
    const help = run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("tributary <command>");
    expect(run(["embedded", "--help"]).stdout).toContain("Exit codes: 0 after a clean stop");
    const unknown = run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it("lists the installed plugins with Tributary's names, types and versions", () => {
    const { code, stdout } = run(["plugins", "--json"]);
    expect(code).toBe(0);
    const plugins = JSON.parse(stdout) as Array<{ class: string; type: string; version: string }>;
    expect(plugins).toContainEqual({
      class: "@tributary/connector-file/FileStreamSourceConnector",
      type: "source",
      version: "0.1.0",
    });
    expect(plugins.some((p) => p.class.endsWith("/JsonConverter") && p.type === "converter")).toBe(true);
  });

  it("validates a connector config and names each bad key", () => {
    const dir = workDir({
      "good.properties": "name=src\nconnector.class=FileStreamSource\nfile=in.txt\ntopic=lines\n",
      "bad.properties":
        "name=src\nconnector.class=org.apache.kafka.connect.file.FileStreamSourceConnector\nfile=in.txt\ntasks.max=zero\n",
    });
    const good = run(["validate", "good.properties"], dir);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain("good.properties: valid");
    const bad = run(["validate", "bad.properties"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/tasks\.max: .*zero/);
    expect(bad.stdout).toMatch(/topic: Missing required configuration "topic" which has no default value\./);
  });

  it("exits with code 2 and one clear line when a connector class does not exist", () => {
    const dir = workDir({
      "worker.properties": "",
      "c.properties": "name=x\nconnector.class=FileStreamSorce\nfile=a\ntopic=t\n",
    });
    const { code, stderr } = run(["embedded", "worker.properties", "c.properties"], dir);
    expect(code).toBe(2);
    const lines = stderr
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("tributary:"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/FileStreamSorce.*FileStreamSource/);
  });

  it("runs a pipeline, logs JSON lines when not on a terminal, and stops cleanly on SIGTERM", async () => {
    const dir = workDir({
      "input.txt": "alpha\nbeta\ngamma\n",
      "worker.properties": "offset.storage.file.filename=offsets.json\noffset.flush.interval.ms=100\n",
      "source.properties": "name=src\nconnector.class=FileStreamSource\nfile=input.txt\ntopic=t\n",
      "sink.properties": "name=snk\nconnector.class=FileStreamSink\nfile=output.txt\ntopics=t\n",
    });
    const child = spawn(
      process.execPath,
      [BIN, "embedded", "worker.properties", "source.properties", "sink.properties"],
      {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const output = join(dir, "output.txt");
    while (!existsSync(output) || readFileSync(output, "utf8") !== "alpha\nbeta\ngamma\n") {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    const logs = stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string; level: number });
    expect(logs.map((entry) => entry.msg)).toContain("Embedded engine started");
    expect(logs.map((entry) => entry.msg)).toContain("Embedded engine stopped");
    const offsets = JSON.parse(readFileSync(join(dir, "offsets.json"), "utf8")) as { offsets: unknown[] };
    expect(offsets.offsets).toEqual([{ key: ["src", { filename: "input.txt" }], value: { position: 17 } }]);
  });
});
