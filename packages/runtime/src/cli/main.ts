import { parseArgs } from "node:util";
import { ExitCode, listPlugins, runEmbedded, validateConfig } from "./commands.js";
import { runStandalone } from "./standalone.js";

const HELP: Readonly<Record<string, string>> = {
  main: `Usage: tributary <command> [options]

Runs Kafka Connect connectors written with Tributary.

Commands:
  standalone <worker.properties> [<connector.properties|.json>...]  Run a Kafka Connect worker with its REST API
  embedded <worker.properties> <connector.properties|.json>...   Run connectors in this process, no Kafka needed
  plugins [--worker worker.properties] [--json]                  List the connectors, converters and transforms found
  validate <connector.properties|.json> [--worker ...] [--json]  Check a connector config and print its errors

Run "tributary <command> --help" for a command's details.
`,
  embedded: `Usage: tributary embedded <worker.properties> <connector.properties|.json>...

Runs source and sink connectors in this process: records flow from sources, through their transforms, to every
sink whose topics or topics.regex names their topic. Stops gracefully on SIGINT or SIGTERM (sources stop, sinks
flush, offsets are committed); a second signal exits at once.

Worker keys: offset.storage.file.filename (where source offsets are kept; without it, a restart starts over),
offset.flush.interval.ms, task.shutdown.graceful.timeout.ms, key.converter / value.converter (a round trip through
them for every record), plugin.path, config.providers, embedded.buffer.max.records, consumer.max.poll.records.

Exit codes: 0 after a clean stop, 1 when a task failed, 2 on a config error.
`,
  standalone: `Usage: tributary standalone <worker.properties> [<connector.properties|.json>...]

Runs a standalone Kafka Connect worker: sources write to Kafka and sinks read from it, through bootstrap.servers.
The connectors of the given files are created at start; more are managed through Kafka Connect's REST API on
listeners (default http://127.0.0.1:8083). Stops gracefully on SIGINT or SIGTERM (tasks stop, offsets are
committed); a second signal exits at once.

Worker keys: bootstrap.servers, key.converter / value.converter / header.converter, offset.storage.file.filename
(required: where source offsets are kept), offset.flush.interval.ms, offset.flush.timeout.ms, listeners,
task.shutdown.graceful.timeout.ms, plugin.path, config.providers, producer.* / consumer.* / admin.*.
See docs/kafka-worker.md.

Exit codes: 0 after a clean stop, 1 when the worker cannot run (Kafka or the REST port), 2 on a config error.
`,
  plugins: `Usage: tributary plugins [--worker worker.properties] [--json]

Lists every plugin found in installed packages and in the worker's plugin.path, with its type and version.
`,
  validate: `Usage: tributary validate <connector.properties|.json> [--worker worker.properties] [--json]

Validates a connector config the way the REST API's config/validate does: the connector class, the common
connector keys, each transform and predicate, the connector's own keys and the converters. Prints each error with
its key, or with --json the full ConfigInfos result. Exit code 0 when valid, 2 otherwise.
`,
};

/** Runs the `tributary` command line with `argv` (without the node and script paths); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      worker: { type: "string", short: "w" },
      json: { type: "boolean" },
      version: { type: "boolean" },
    },
  });
  const [command, ...rest] = positionals;
  if (values.version === true) {
    process.stdout.write("tributary 0.1.0\n");
    return ExitCode.OK;
  }
  if (command === undefined || command === "help") {
    process.stdout.write(HELP.main ?? "");
    return values.help === true || command === "help" ? ExitCode.OK : ExitCode.USAGE;
  }
  const help = HELP[command];
  if (help === undefined || command === "main") {
    process.stderr.write(`tributary: unknown command "${command}".\n\n${HELP.main}`);
    return ExitCode.USAGE;
  }
  if (values.help === true) {
    process.stdout.write(help);
    return ExitCode.OK;
  }
  switch (command) {
    case "embedded": {
      const [workerFile, ...connectorFiles] = rest;
      if (workerFile === undefined || connectorFiles.length === 0) {
        process.stderr.write(
          `tributary embedded: give a worker config and at least one connector config.\n\n${help}`,
        );
        return ExitCode.USAGE;
      }
      return runEmbedded(workerFile, connectorFiles);
    }
    case "standalone": {
      const [workerFile, ...connectorFiles] = rest;
      if (workerFile === undefined) {
        process.stderr.write(`tributary standalone: give a worker config.\n\n${help}`);
        return ExitCode.USAGE;
      }
      return runStandalone(workerFile, connectorFiles);
    }
    case "plugins":
      return listPlugins({ workerFile: values.worker, json: values.json === true });
    default: {
      const [connectorFile] = rest;
      if (connectorFile === undefined) {
        process.stderr.write(`tributary validate: give a connector config file.\n\n${help}`);
        return ExitCode.USAGE;
      }
      return validateConfig(connectorFile, { workerFile: values.worker, json: values.json === true });
    }
  }
}
