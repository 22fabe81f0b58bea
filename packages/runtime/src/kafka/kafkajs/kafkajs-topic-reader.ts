import { randomBytes } from "node:crypto";
import { ConnectError } from "@tributary/api";
import type { Kafka } from "kafkajs";
import type { IncomingMessage } from "../kafka-clients.js";
import { toConnectError } from "./kafkajs-errors.js";
import { fromKafkajsMessage } from "./kafkajs-messages.js";

/**
 * Reads a topic from the beginning to its end offsets as of the call. kafkajs has no manual partition assignment, so
 * a consumer of a throwaway group (which commits nothing, so the broker forgets it once it leaves) does the reading.
 * The end is detected from kafkajs's END_BATCH_PROCESS events, which also report batches that held only transaction
 * markers or aborted records: a topic whose last entry is a commit marker is read to its end too. Under
 * `read_committed`, reading stops at the last stable offset when a transaction is still open.
 */
export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  onMessages: (messages: readonly IncomingMessage[]) => void,
  options: { readonly isolationLevel?: "read_committed" | "read_uncommitted"; readonly timeoutMs?: number },
): Promise<void> {
  const doing = `Reading topic ${topic} to its end`;
  const admin = kafka.admin();
  const remaining = new Map<number, bigint>();
  try {
    await admin.connect();
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > BigInt(low)) remaining.set(partition, BigInt(high));
    }
  } catch (error) {
    throw toConnectError(error, doing);
  } finally {
    await admin.disconnect().catch(() => {});
  }
  if (remaining.size === 0) return;

  const consumer = kafka.consumer({
    groupId: `tributary-topic-reader-${randomBytes(8).toString("hex")}`,
    readUncommitted: options.isolationLevel === "read_uncommitted",
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 100,
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ConnectError(
              `${doing} did not finish within ${timeoutMs} ms: ${remaining.size} partition(s) are behind. Check that the brokers are reachable.`,
            ),
          ),
        timeoutMs,
      );
      let progressed = false;
      let idleFetches = 0;
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (payload.topic !== topic) return;
        const end = remaining.get(payload.partition);
        if (end === undefined) return;
        progressed = true;
        if (BigInt(payload.lastOffset) + 1n >= end) remaining.delete(payload.partition);
        if (remaining.size === 0) resolve();
      });
      if (options.isolationLevel !== "read_uncommitted") {
        // The end offsets are high watermarks (kafkajs cannot ask for last stable offsets). A transaction left open
        // (its producer crashed) holds read_committed reads below them until the broker aborts it, which takes
        // transaction.timeout.ms. Kafka's own reader stops at the last stable offset; so does this one: once
        // fetches keep coming back without anything for the partitions still behind, they are at it.
        consumer.on(consumer.events.FETCH, () => {
          if (progressed) {
            progressed = false;
            idleFetches = 0;
          } else if (++idleFetches >= 3) {
            resolve();
          }
        });
      }
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(toConnectError(payload.error, doing)));
      (async () => {
        await consumer.connect();
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const messages = batch.messages.map((m) => fromKafkajsMessage(batch.topic, batch.partition, m));
            if (messages.length > 0) onMessages(messages);
          },
        });
      })().catch((error: unknown) => reject(toConnectError(error, doing)));
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => {});
  }
}
