/** The tags of a task's metric groups, as Kafka Connect tags them: `connector` and `task`. */
export function taskMetricTags(connector: string, task: number): Readonly<Record<string, string>> {
  return Object.freeze({ connector, task: String(task) });
}
