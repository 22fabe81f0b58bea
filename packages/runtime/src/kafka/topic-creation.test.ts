import { describe, expect, it } from "vitest";
import { silentLogger } from "../logging/logger.js";
import type { KafkaAdmin, TopicSpec } from "./kafka-clients.js";
import { TopicCreation, TopicCreator } from "./topic-creation.js";

const props = {
  "topic.creation.groups": "compacted, inorder",
  "topic.creation.default.replication.factor": "3",
  "topic.creation.default.partitions": "5",
  "topic.creation.default.retention.ms": "1000",
  "topic.creation.compacted.include": "users.*,accounts",
  "topic.creation.compacted.exclude": "users\\.old",
  "topic.creation.compacted.cleanup.policy": "compact",
  "topic.creation.inorder.include": "orders.*,users.*",
  "topic.creation.inorder.partitions": "1",
};

describe("TopicCreation from topic.creation.* settings", () => {
  it("is off unless the worker allows it and the connector has a default group", () => {
    expect(TopicCreation.of(true, {}).enabled).toBe(false);
    expect(TopicCreation.of(false, props).enabled).toBe(false);
    expect(TopicCreation.of(true, { "topic.creation.groups": "a" }).enabled).toBe(false);
    expect(TopicCreation.of(true, props).specFor("x")).toBeDefined();
    expect(TopicCreation.of(false, props).specFor("x")).toBeUndefined();
  });

  it("takes the first listed group that includes and does not exclude the topic, else the default", () => {
    const creation = TopicCreation.of(true, props);
    expect(creation.groupFor("users")?.name).toBe("compacted");
    expect(creation.groupFor("accounts")?.name).toBe("compacted");
    expect(creation.groupFor("accountsX")?.name).toBe("default");
    expect(creation.groupFor("users.old")?.name).toBe("inorder");
    expect(creation.groupFor("orders-1")?.name).toBe("inorder");
    expect(creation.groupFor("other")?.name).toBe("default");
  });

  it("inherits the default's numbers, and passes a group's own other settings as topic configs", () => {
    const creation = TopicCreation.of(true, props);
    expect(creation.specFor("users")).toEqual({
      name: "users",
      partitions: 5,
      replicationFactor: 3,
      configs: { "cleanup.policy": "compact" },
    });
    expect(creation.specFor("orders")).toEqual({
      name: "orders",
      partitions: 1,
      replicationFactor: 3,
      configs: {},
    });
    expect(creation.specFor("other")).toEqual({
      name: "other",
      partitions: 5,
      replicationFactor: 3,
      configs: { "retention.ms": "1000" },
    });
  });

  it("refuses a default group without its numbers, naming the key", () => {
    expect(() => TopicCreation.of(true, { "topic.creation.default.partitions": "1" })).toThrow(
      /topic\.creation\.default\.replication\.factor is required/,
    );
    expect(() =>
      TopicCreation.of(true, {
        "topic.creation.default.partitions": "0",
        "topic.creation.default.replication.factor": "1",
      }),
    ).toThrow(/partitions=0 is invalid/);
  });

  it("asks the admin client once per topic, and again after a failure", async () => {
    const asked: string[] = [];
    let fail = true;
    const admin = {
      createTopics: async (specs: readonly TopicSpec[]) => {
        asked.push(...specs.map((s) => s.name));
        if (fail) {
          fail = false;
          throw new Error("broker down");
        }
        return specs.map((s) => s.name);
      },
    } as unknown as KafkaAdmin;
    const creator = new TopicCreator(admin, TopicCreation.of(true, props), silentLogger);
    await expect(creator.ensure(["a"])).rejects.toThrow("broker down");
    await creator.ensure(["a", "b", "a"]);
    await creator.ensure(["a", "b"]);
    expect(asked).toEqual(["a", "a", "b"]);
  });
});
