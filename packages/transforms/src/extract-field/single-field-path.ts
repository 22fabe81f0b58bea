import { ConfigError } from "@tributary/api";

/** How a field path is written: `V1` names one top-level field, `V2` is a dotted path with backtick quoting. */
export type FieldSyntaxVersion = "V1" | "V2";

const BACKTICK = "`";
const DOT = ".";
const BACKSLASH = "\\";

/**
 * A path to one field, possibly nested, in a Struct or Map: the steps from the top-level field down, read from the
 * configured text as Kafka 4.1's `SingleFieldPath` reads it.
 *
 * With `V1` the whole text is one field name. With `V2` dots separate steps (`a.b.c`); a step wrapped in backticks
 * may contain dots (`` `a.b`.c `` is the field `c` in the field `a.b`), a backtick inside a quoted step that is
 * followed by a dot is written `` \` ``, and a backtick that is not followed by a dot needs no escape. A trailing dot
 * adds an empty last step. Text Kafka cannot read (an unclosed backtick) is refused.
 */
export class SingleFieldPath {
  /** The path as configured. */
  readonly text: string;
  /** The syntax the text was read with. */
  readonly version: FieldSyntaxVersion;
  /** The field names from the top level down; never empty. */
  readonly steps: readonly string[];

  private constructor(text: string, version: FieldSyntaxVersion, steps: readonly string[]) {
    this.text = text;
    this.version = version;
    this.steps = steps;
  }

  /**
   * Reads `text` with the syntax of `version`.
   * @throws ConfigError when the text is not a valid path (see {@link SingleFieldPath.problem}).
   */
  static parse(text: string, version: FieldSyntaxVersion): SingleFieldPath {
    const steps = version === "V1" ? [text] : stepsOf(text);
    if (typeof steps === "string")
      throw new ConfigError(`Invalid field path ${JSON.stringify(text)}: ${steps}`);
    return new SingleFieldPath(text, version, Object.freeze(steps));
  }

  /** What is wrong with `text` as a path of `version`, or `undefined` when it is valid. */
  static problem(text: string, version: FieldSyntaxVersion): string | undefined {
    if (version === "V1") return undefined;
    const steps = stepsOf(text);
    return typeof steps === "string" ? steps : undefined;
  }

  /** The steps before the last one: the structs to walk through. */
  get parents(): readonly string[] {
    return this.steps.slice(0, -1);
  }

  /** The last step: the field itself. */
  get last(): string {
    return this.steps[this.steps.length - 1] as string;
  }

  toString(): string {
    return this.text;
  }
}

/** The steps of a V2 path, or a message saying why the text is not one. */
function stepsOf(path: string): string[] | string {
  if (path.length === 0) return "the path is empty; name the field to extract, such as a or a.b.";
  const steps: string[] = [];
  let index = 0;
  while (index >= 0 && index < path.length) {
    if (path[index] !== BACKTICK) {
      const dot = path.indexOf(DOT, index);
      steps.push(dot >= 0 ? path.slice(index, dot) : path.slice(index));
      index = dot >= 0 ? dot + 1 : -1;
      continue;
    }
    // A quoted step: find the backtick that closes it, the one followed by a dot or ending the path.
    const opening = index;
    let start = index + 1;
    let search = start;
    let name = "";
    for (;;) {
      const closing = path.indexOf(BACKTICK, search);
      if (closing === -1) return incomplete(path, opening);
      const escaped = path[closing - 1] === BACKSLASH;
      if (closing >= path.length - 1) {
        if (escaped) return incomplete(path, opening);
        steps.push(name + path.slice(start, closing));
        index = closing + 1;
        break;
      }
      if (path[closing + 1] !== DOT) {
        search = closing + 1;
        continue;
      }
      if (escaped) {
        name += `${path.slice(start, closing - 1)}${BACKTICK}`;
        start = closing + 1;
        search = start;
        continue;
      }
      steps.push(name + path.slice(start, closing));
      index = closing + 2;
      break;
    }
  }
  if (path.endsWith(DOT)) steps.push("");
  return steps;
}

function incomplete(path: string, opening: number): string {
  return `the backtick at position ${opening} of ${JSON.stringify(path)} has no closing backtick; close it, or write \\\` to keep a backtick that is followed by a dot.`;
}
