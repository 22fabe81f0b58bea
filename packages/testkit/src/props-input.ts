/**
 * A task's properties for the contract suites: a fixed map, or a function making them afresh for each check (for
 * example to point at a new temporary file).
 */
export type PropsInput =
  | Readonly<Record<string, string>>
  | (() => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>);

/** The properties `input` stands for, made now. @internal */
export async function resolveProps(input: PropsInput): Promise<Readonly<Record<string, string>>> {
  return typeof input === "function" ? await input() : input;
}
