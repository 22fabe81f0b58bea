import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { Ajv, type ErrorObject } from "ajv";
import { ConnectRestError } from "./connect-rest-error.js";

/** A config value as JSON may carry it; Kafka's JSON mapper takes numbers and booleans for strings too. */
const ConfigValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

/** A connector config: key → value. */
export const ConnectorConfigBody = Type.Record(Type.String(), ConfigValue);

/** `PATCH /connectors/{name}/config`: key → new value, or `null` to remove the key. */
export const ConnectorConfigPatchBody = Type.Record(Type.String(), Type.Union([ConfigValue, Type.Null()]));

/** `POST /connectors`. */
export const CreateConnectorBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  config: ConnectorConfigBody,
  initial_state: Type.Optional(
    Type.Union([Type.Literal("RUNNING"), Type.Literal("PAUSED"), Type.Literal("STOPPED")]),
  ),
});

/** `PATCH /connectors/{name}/offsets`. */
export const ConnectorOffsetsBody = Type.Object({
  offsets: Type.Array(
    Type.Object({
      partition: Type.Record(Type.String(), Type.Unknown()),
      offset: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    }),
  ),
});

/** `PUT /admin/loggers/{name}`. */
export const LoggerLevelBody = Type.Object({ level: Type.String({ minLength: 1 }) });

const ajv = new Ajv({ allErrors: true, strict: false });

/**
 * A checker of one request body schema, compiled once: returns the body typed when it fits the schema.
 * @throws ConnectRestError 400 naming every place where it does not.
 */
export type BodyValidator<T> = (body: unknown) => T;

/** Compiles a TypeBox schema into a request body check. */
export function bodyValidator<S extends TSchema>(schema: S, what: string): BodyValidator<Static<S>> {
  const validate = ajv.compile(schema);
  return (body) => {
    if (validate(body)) return body as Static<S>;
    throw new ConnectRestError(
      400,
      `The request body is not ${what}: ${describeErrors(validate.errors ?? [])}`,
    );
  };
}

function describeErrors(errors: readonly ErrorObject[]): string {
  // A union reports every branch; the first error of each place is the clearest.
  const byPlace = new Map<string, string>();
  for (const error of errors) {
    const place = error.instancePath === "" ? "the body" : error.instancePath.slice(1).replaceAll("/", ".");
    if (!byPlace.has(place)) byPlace.set(place, `${place} ${error.message ?? "is invalid"}`);
  }
  return `${[...byPlace.values()].join("; ")}.`;
}

/** Config values as the strings a connector config holds. */
export function configStrings(
  config: Readonly<Record<string, string | number | boolean>>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, String(value)]));
}
