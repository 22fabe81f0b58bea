/**
 * Benchmark cases of @tributary/converters: JsonConverter writing and reading a 10-field struct record of mixed
 * types, with and without schemas. 1,000 distinct records are cycled through, so no case measures one value.
 */
import {
  BigDecimal,
  ConnectTimestamp,
  Decimal,
  Headers,
  Schema,
  SchemaBuilder,
  Struct,
} from "@tributary/api";
import { JsonConverter } from "@tributary/converters";

const RECORDS = 1000;
const TOPIC = "orders";
const headers = new Headers();

const address = SchemaBuilder.struct()
  .name("com.example.Address")
  .field("city", Schema.STRING_SCHEMA)
  .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
  .build();

/** A 10-field record: int32, int64, string, optional string, boolean, double, Timestamp, Decimal, bytes, struct. */
const order = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(1)
  .field("id", Schema.INT32_SCHEMA)
  .field("customer_id", Schema.INT64_SCHEMA)
  .field("customer", Schema.STRING_SCHEMA)
  .field("note", Schema.OPTIONAL_STRING_SCHEMA)
  .field("paid", Schema.BOOLEAN_SCHEMA)
  .field("weight", Schema.FLOAT64_SCHEMA)
  .field("placed_at", ConnectTimestamp.schema())
  .field("total", Decimal.schema(2))
  .field("token", Schema.BYTES_SCHEMA)
  .field("ship_to", address)
  .build();

function records() {
  return Array.from({ length: RECORDS }, (_, i) =>
    new Struct(order)
      .put("id", i)
      .put("customer_id", 9_007_199_254_740_993n + BigInt(i))
      .put("customer", `Customer ${i} — Ådne Ø.`)
      .put("note", i % 3 === 0 ? null : `leave at door ${i}`)
      .put("paid", i % 2 === 0)
      .put("weight", i * 0.37 + 0.5)
      .put("placed_at", new Date(1_700_000_000_000 + i * 1000))
      .put("total", BigDecimal.of(BigInt(i * 1234 + 99), 2))
      .put(
        "token",
        Uint8Array.from({ length: 16 }, (_, j) => (i + j) & 0xff),
      )
      .put(
        "ship_to",
        new Struct(address).put("city", "Oslo").put("zip", i % 2 === 0 ? `0${i % 1000}` : null),
      ),
  );
}

function converter(props) {
  const created = new JsonConverter();
  created.configure(props, false);
  return created;
}

function writeCase(name, props) {
  return {
    name,
    prepare() {
      const json = converter(props);
      const values = records();
      const size = values.reduce(
        (sum, value) => sum + json.fromConnectData(TOPIC, headers, order, value).length,
        0,
      );
      let i = 0;
      return {
        bytes: size / RECORDS,
        run() {
          json.fromConnectData(TOPIC, headers, order, values[i]);
          i = i + 1 === RECORDS ? 0 : i + 1;
        },
      };
    },
  };
}

function readCase(name, props) {
  return {
    name,
    prepare() {
      const json = converter(props);
      const encoded = records().map((value) => json.fromConnectData(TOPIC, headers, order, value));
      const size = encoded.reduce((sum, bytes) => sum + bytes.length, 0);
      let i = 0;
      return {
        bytes: size / RECORDS,
        run() {
          json.toConnectData(TOPIC, headers, encoded[i]);
          i = i + 1 === RECORDS ? 0 : i + 1;
        },
      };
    },
  };
}

export const cases = [
  writeCase("converters/json: serialise 10-field struct, schemas.enable=true", {}),
  readCase("converters/json: deserialise 10-field struct, schemas.enable=true", {}),
  writeCase("converters/json: serialise 10-field struct, schemas.enable=false", {
    "schemas.enable": "false",
  }),
  readCase("converters/json: deserialise 10-field struct, schemas.enable=false", {
    "schemas.enable": "false",
  }),
];
