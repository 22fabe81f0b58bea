import { Config, type ConfigType, defineConfig } from "@tributary/api";
import { converterTypeKey } from "../converter-config.js";
import { encodingNamed, SUPPORTED_ENCODINGS } from "./string-encoding.js";

/** The configuration of {@link StringConverter}: `converter.encoding` and `converter.type`. */
export const StringConverterConfig = defineConfig({
  "converter.type": converterTypeKey(),
  "converter.encoding": Config.string({
    default: "UTF-8",
    importance: "HIGH",
    documentation: `The Java name of the character set strings are written and read in: ${SUPPORTED_ENCODINGS.join(", ")} (or one of their Java aliases, such as UTF8 or latin1).`,
    width: "MEDIUM",
    displayName: "Encoding",
    validate: (name) =>
      encodingNamed(name) === undefined
        ? `is not a supported encoding; use one of ${SUPPORTED_ENCODINGS.join(", ")}`
        : undefined,
  }),
});

/** The parsed configuration of {@link StringConverter}. */
export type StringConverterConfigType = ConfigType<typeof StringConverterConfig>;
