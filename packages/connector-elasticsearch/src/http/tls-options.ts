import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import { ConfigError } from "@tributary/api";
import type { ElasticsearchSinkConfigValues } from "../config/elasticsearch-sink-config.js";

/**
 * The TLS options for connections to `https://` URLs from the `elastic.https.ssl.*` keys, or `undefined` with
 * `elastic.security.protocol=PLAINTEXT` (the system's certificate authorities, full checks).
 *
 * The keystore is a PEM file holding the client certificate chain and private key (`key.password` decrypts an
 * encrypted key) or a PKCS12 file (`keystore.password`); the truststore a PEM file of certificate authorities. An
 * empty `endpoint.identification.algorithm` turns off the check that the certificate names the host.
 * @throws ConfigError naming the key whose file cannot be read.
 * @internal
 */
export function tlsOptionsOf(config: ElasticsearchSinkConfigValues): ConnectionOptions | undefined {
  if (config["elastic.security.protocol"] !== "SSL") return undefined;
  const options: ConnectionOptions = {};
  const truststore = config["elastic.https.ssl.truststore.location"];
  if (truststore !== "") options.ca = read("elastic.https.ssl.truststore.location", truststore);
  const keystore = config["elastic.https.ssl.keystore.location"];
  if (keystore !== "") {
    const contents = read("elastic.https.ssl.keystore.location", keystore);
    if (config["elastic.https.ssl.keystore.type"] === "PKCS12") {
      options.pfx = contents;
      const password = config["elastic.https.ssl.keystore.password"];
      if (password !== undefined) options.passphrase = password.value();
    } else {
      options.cert = contents;
      options.key = contents;
      const password = config["elastic.https.ssl.key.password"];
      if (password !== undefined) options.passphrase = password.value();
    }
  }
  if (config["elastic.https.ssl.endpoint.identification.algorithm"] === "") {
    options.checkServerIdentity = () => undefined;
  }
  return options;
}

function read(key: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError(
      `Cannot read ${key} "${path}": ${(error as Error).message}. Give the path of a readable file.`,
      { cause: error },
    );
  }
}
