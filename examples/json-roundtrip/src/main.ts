/**
 * Builds a few order records with Kafka Connect's data model, writes them with the JsonConverter exactly as a Kafka
 * Connect worker would put them on a topic, reads the bytes back and checks that nothing was lost.
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

const orderSchema = SchemaBuilder.struct()
  .name("com.example.Order")
  .version(1)
  .field("id", Schema.INT64_SCHEMA)
  .field("customer", Schema.STRING_SCHEMA)
  .field("note", Schema.OPTIONAL_STRING_SCHEMA)
  .field("price", Decimal.schema(2))
  .field("placed_at", ConnectTimestamp.schema())
  .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
  .build();

const orders = [
  new Struct(orderSchema)
    .put("id", 9_007_199_254_740_993n) // beyond 2^53: a float would round it
    .put("customer", "Ada")
    .put("note", null)
    .put("price", BigDecimal.parse("12.34"))
    .put("placed_at", new Date("2026-11-25T09:30:00Z"))
    .put("tags", ["priority"]),
  new Struct(orderSchema)
    .put("id", 42n)
    .put("customer", "Grace")
    .put("note", "leave at the door")
    .put("price", BigDecimal.parse("0.10"))
    .put("placed_at", new Date("2026-11-25T10:00:00Z"))
    .put("tags", []),
];

const converter = new JsonConverter();
converter.configure({ "schemas.enable": "true" }, false);

let failures = 0;
for (const order of orders) {
  const headers = new Headers();
  const bytes = converter.fromConnectData("orders", headers, orderSchema, order);
  const back = converter.toConnectData("orders", headers, bytes);
  const same = Struct.isStruct(back.value) && back.value.equals(order);
  if (!same) failures++;
  console.log(Buffer.from(bytes ?? new Uint8Array()).toString("utf8"));
  console.log(`  → read back ${same ? "equal" : "DIFFERENT"}: ${String(back.value)}`);
}

if (failures > 0) {
  console.error(`${failures} record(s) did not survive the round trip.`);
  process.exit(1);
}
console.log(`${orders.length} records written as Kafka Connect JSON and read back unchanged.`);
