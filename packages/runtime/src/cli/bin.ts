import { describeFatal, ExitCode } from "./commands.js";
import { main } from "./main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = (error as { code?: unknown }).code?.toString().startsWith("ERR_PARSE_ARGS") === true;
    const { line, code } = describeFatal(error);
    process.stderr.write(`${line}\n`);
    process.exitCode = usage ? ExitCode.USAGE : code;
  },
);
