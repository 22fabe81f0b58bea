import { Config, type ConfigValidation, defineConfig } from "@tributary/api";

const PREFIX = "topic.creation.";

function regexList(patterns: readonly string[]): string | undefined {
  for (const pattern of patterns) {
    try {
      new RegExp(pattern);
    } catch (error) {
      return `"${pattern}" is not a valid regular expression: ${(error as Error).message}.`;
    }
  }
  return undefined;
}

function positiveOrBrokerDefault(what: string) {
  return (value: number): string | undefined =>
    value === -1 || value >= 1 ? undefined : `${what} must be positive, or -1 for the broker's default.`;
}

/** The keys of one topic creation group; the default group must give its replication factor and partitions. */
function groupDefinition(group: string, isDefault: boolean) {
  const documented = (text: string) => ({
    importance: "LOW" as const,
    documentation: text,
    group,
    width: "LONG" as const,
  });
  const inherited = isDefault ? "" : " When unset, the default group's is used.";
  return defineConfig({
    include: Config.list({
      default: isDefault ? [".*"] : [],
      ...documented("Regular expressions of the topic names this group's settings apply to."),
      orderInGroup: 1,
      displayName: `Inclusion Topic Pattern for ${group}`,
      validate: regexList,
    }),
    exclude: Config.list({
      default: [],
      ...documented(
        "Regular expressions of topic names this group's settings do not apply to; they win over include.",
      ),
      orderInGroup: 2,
      displayName: `Exclusion Topic Pattern for ${group}`,
      validate: regexList,
    }),
    "replication.factor": Config.short({
      optional: !isDefault,
      ...documented(`The replication factor of new topics, or -1 for the broker's default.${inherited}`),
      orderInGroup: 3,
      displayName: `Replication Factor for Topics in ${group}`,
      validate: positiveOrBrokerDefault("The replication factor"),
    }),
    partitions: Config.int({
      optional: !isDefault,
      ...documented(`The number of partitions of new topics, or -1 for the broker's default.${inherited}`),
      orderInGroup: 4,
      displayName: `Partition Count for Topics in ${group}`,
      validate: positiveOrBrokerDefault("The number of partitions"),
    }),
  });
}

/**
 * Validates a source connector's `topic.creation.default.*` and `topic.creation.<group>.*` settings, when it has
 * any `topic.creation.` setting besides the list of groups (otherwise the connector creates no topics and there is
 * nothing to check). Other settings of a group (`cleanup.policy`, …) are topic settings passed to Kafka as they are.
 * @internal
 */
export function validateTopicCreation(
  props: Readonly<Record<string, string>>,
  groups: readonly string[],
): ConfigValidation[] {
  const used = Object.keys(props).some((key) => key.startsWith(PREFIX) && key !== `${PREFIX}groups`);
  if (!used) return [];
  const validations = [groupDefinition("default", true).validate(props, { prefix: `${PREFIX}default.` })];
  for (const group of groups) {
    if (group === "default") continue;
    const name = `Topic Creation: ${group}`;
    validations.push(groupDefinition(name, false).validate(props, { prefix: `${PREFIX}${group}.` }));
  }
  return validations;
}
