/**
 * Benchmark cases of @tributary/transforms: a chain of five SMTs (ReplaceField, InsertField, Cast, MaskField,
 * TimestampRouter), configured as a worker would, over 10-field source records, once with a struct value and a
 * schema and once with the same data as a schemaless map. 1,000 distinct records are cycled through, so no case
 * measures one value; a record goes through every transform of the chain, one after the other.
 * `bytes` is the size of the record's value as schemaless JSON, for a rough MB/s.
 */
import {
  BigDecimal,
  ConnectTimestamp,
  Decimal,
  Headers,
  Schema,
  SchemaBuilder,
  SourceRecord,
  Struct,
} from "@tributary/api";
import { JsonConverter } from "@tributary/converters";
import {
  CastValue,
  InsertFieldValue,
  MaskFieldValue,
  ReplaceFieldValue,
  TimestampRouter,
} from "@tributary/transforms";

const RECORDS = 1000;
const TOPIC = "orders";

const address = SchemaBuilder.struct()
  .name("com.example.Address")
  .field("city", Schema.STRING_SCHEMA)
  .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
  .build();

/** A 10-field value: int32, int64, string, optional string, boolean, double, Timestamp, Decimal, bytes, struct. */
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

/** The five transforms and their settings, as `transforms.<alias>.*` would give them. */
const CHAIN = [
  [ReplaceFieldValue, { exclude: "token", renames: "customer:customer_name" }],
  [InsertFieldValue, { "topic.field": "source_topic", "static.field": "origin", "static.value": "bench" }],
  [CastValue, { spec: "id:int64,weight:float32,paid:string" }],
  [MaskFieldValue, { fields: "note,customer_name" }],
  [TimestampRouter, { "topic.format": "${topic}-${timestamp}", "timestamp.format": "yyyyMMdd" }],
];

function chain() {
  return CHAIN.map(([Transform, props]) => {
    const transform = new Transform();
    transform.configure(props);
    return transform;
  });
}

function fields(i) {
  return [
    ["id", i],
    ["customer_id", 9_007_199_254_740_993n + BigInt(i)],
    ["customer", `Customer ${i}`],
    ["note", i % 3 === 0 ? null : `leave at door ${i}`],
    ["paid", i % 2 === 0],
    ["weight", i * 0.37 + 0.5],
    ["placed_at", new Date(1_700_000_000_000 + i * 1000)],
    ["total", BigDecimal.of(BigInt(i * 1234 + 99), 2)],
    ["token", Uint8Array.from({ length: 16 }, (_, j) => (i + j) & 0xff)],
  ];
}

function structValue(i) {
  const value = new Struct(order);
  for (const [name, item] of fields(i)) value.put(name, item);
  return value.put(
    "ship_to",
    new Struct(address).put("city", "Oslo").put("zip", i % 2 === 0 ? `0${i}` : null),
  );
}

/** The same data without a schema: schemaless Connect data has no dates or decimals, so those are a long and a double. */
function mapValue(i) {
  const shipTo = new Map([
    ["city", "Oslo"],
    ["zip", i % 2 === 0 ? `0${i}` : null],
  ]);
  const plain = fields(i).map(([name, item]) => {
    if (item instanceof Date) return [name, BigInt(item.getTime())];
    if (BigDecimal.isBigDecimal(item)) return [name, Number(item.toString())];
    return [name, item];
  });
  return new Map([...plain, ["ship_to", shipTo]]);
}

function record(i, valueSchema, value) {
  return new SourceRecord({
    sourcePartition: { table: "orders" },
    sourceOffset: { id: i },
    topic: TOPIC,
    keySchema: Schema.INT32_SCHEMA,
    key: i,
    valueSchema,
    value,
    timestamp: 1_700_000_000_000 + i * 60_000,
    headers: new Headers().addString("trace", `t-${i}`),
  });
}

function chainCase(name, build) {
  return {
    name,
    prepare() {
      const transforms = chain();
      const records = Array.from({ length: RECORDS }, (_, i) => build(i));
      const json = new JsonConverter();
      json.configure({ "schemas.enable": "false" }, false);
      const headers = new Headers();
      const size = records.reduce(
        (sum, r) => sum + json.fromConnectData(TOPIC, headers, r.valueSchema, r.value).length,
        0,
      );
      // One pass first: a transform that fails on these records should fail here, not be measured.
      for (const r of records) run(transforms, r);
      let i = 0;
      return {
        bytes: size / RECORDS,
        run() {
          run(transforms, records[i]);
          i = i + 1 === RECORDS ? 0 : i + 1;
        },
      };
    },
  };
}

function run(transforms, input) {
  let current = input;
  for (const transform of transforms) {
    current = transform.apply(current);
    if (current === null) throw new Error("A transform of the bench chain dropped a record");
  }
  return current;
}

export const cases = [
  chainCase("transforms: 5-SMT chain, 10-field struct with schema", (i) => record(i, order, structValue(i))),
  chainCase("transforms: 5-SMT chain, 10-field schemaless map", (i) => record(i, null, mapValue(i))),
];
