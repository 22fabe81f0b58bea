import { DataError } from "@tributary/api";

const INVALID = /[\\/*?"<>|\s,#:]/g;
const MAX_BYTES = 255;

/**
 * The index name for a topic, made valid as Elasticsearch and OpenSearch require: lower case; each of
 * `\ / * ? " < > | , # :` and white space replaced by `_`; leading `-`, `_` and `+` removed; `.` and `..` spelled
 * `dot` and `dotdot`; cut to 255 UTF-8 bytes without splitting a character. Topic names Kafka allows
 * (`[a-zA-Z0-9._-]`) only change case and lose leading `-`/`_`; the rest matters for names made by SMTs.
 * @throws DataError when nothing of the name is left.
 * @internal
 */
export function indexNameFor(topic: string): string {
  let name = topic
    .toLowerCase()
    .replace(INVALID, "_")
    .replace(/^[-_+]+/, "");
  if (name === ".") name = "dot";
  else if (name === "..") name = "dotdot";
  if (Buffer.byteLength(name) > MAX_BYTES) name = truncateUtf8(name, MAX_BYTES);
  if (name === "") {
    throw new DataError(
      `Topic "${topic}" gives no valid index name: an index name needs a character other than -, _ and +. Rename the topic with the RegexRouter transform.`,
    );
  }
  return name;
}

/**
 * The data stream for a topic: `<type>-<dataset>-<topic>`, with the topic part cleaned as {@link indexNameFor} does.
 * @internal
 */
export function dataStreamNameFor(type: string, dataset: string, topic: string): string {
  return indexNameFor(`${type}-${dataset}-${indexNameFor(topic)}`);
}

function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
