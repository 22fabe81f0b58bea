/**
 * The state a user asks a connector to be in (Kafka Connect's `TargetState`), as opposed to the state it reports:
 * `STARTED` runs the connector and its tasks, `PAUSED` keeps the tasks assigned but stops them processing records,
 * `STOPPED` stops the connector and leaves it no tasks (the state offsets may be altered in).
 */
export type TargetState = "STARTED" | "PAUSED" | "STOPPED";
