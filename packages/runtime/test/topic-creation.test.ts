import { afterAll, expect, it } from "vitest";
import { TopicCreation, TopicCreator } from "../src/kafka/topic-creation.js";
import { silentLogger } from "../src/logging/logger.js";
import { describeWithKafka, testClients, uniqueName } from "./kafka-test-support.js";

const clients = testClients();
afterAll(() => clients.close());

describeWithKafka("TopicCreator against a real broker", () => {
  it("creates a source's topics with its group's partitions, once, and leaves existing topics alone", async () => {
    const compacted = uniqueName("creation-compacted");
    const plain = uniqueName("creation-plain");
    const creation = TopicCreation.of(true, {
      "topic.creation.groups": "compacted",
      "topic.creation.default.replication.factor": "1",
      "topic.creation.default.partitions": "2",
      "topic.creation.compacted.include": "creation-compacted-.*",
      "topic.creation.compacted.partitions": "3",
      "topic.creation.compacted.cleanup.policy": "compact",
    });
    const admin = clients.admin();
    await new TopicCreator(admin, creation, silentLogger).ensure([compacted, plain]);
    expect(await admin.partitionCounts([compacted, plain])).toEqual(
      new Map([
        [compacted, 3],
        [plain, 2],
      ]),
    );
    // Another task's creator finds them there.
    await new TopicCreator(admin, creation, silentLogger).ensure([compacted]);
    await admin.deleteTopics([compacted, plain]);
  });
});
