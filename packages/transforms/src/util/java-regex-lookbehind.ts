import type { CharSet } from "./java-regex-charset.js";
import { JavaRegexProblem, MAX_REPEAT, type RegexNode } from "./java-regex-syntax.js";

/** Lengths as Java's pattern compiler estimates them: 32-bit arithmetic, wrapping on overflow. */
interface Study {
  min: number;
  max: number;
  maxValid: boolean;
  deterministic: boolean;
}

const fresh = (): Study => ({ min: 0, max: 0, maxValid: true, deterministic: true });
const int32 = (n: number): number => n | 0;

/**
 * Checks a lookbehind the way Java sizes it. Java searches a lookbehind only between a minimum and a maximum length
 * that it estimates with 32-bit arithmetic: it rejects the pattern when it finds no maximum, and an estimate that
 * overflowed makes it miss matches JavaScript finds. Java also steps through the input by UTF-16 unit unless the
 * pattern contains a supplementary character, so a lookbehind that may match one (such as `.`) is refused then.
 * @throws JavaRegexProblem (syntax) when Java rejects the lookbehind, (unsupported) when it would match differently.
 * @internal
 */
export function checkLookbehind(group: Extract<RegexNode, { type: "group" }>): void {
  const info = studyChain(flatten(group.body), 0, fresh());
  if (!info.maxValid) {
    throw new JavaRegexProblem(
      "syntax",
      "Look-behind group does not have an obvious maximum length",
      group.at,
    );
  }
  const [trueMin, trueMax] = bounds(group.body);
  const unbounded = trueMax === Number.POSITIVE_INFINITY;
  // With no bound, Java still looks all the way back when its estimate is exactly 2^31-1 or wrapped to -2^31.
  const windowExact = unbounded ? info.max === MAX_REPEAT || info.max === -0x80000000 : info.max === trueMax;
  if (info.min !== trueMin || !windowExact) {
    throw new JavaRegexProblem(
      "unsupported",
      "a lookbehind with more than one unbounded part or a very long one (Java's length estimate overflows and it then misses matches); bound the repetitions inside it",
      group.at,
    );
  }
  if (!group.byCodePoint && mayMatchSupplementary(group.body)) {
    throw new JavaRegexProblem(
      "unsupported",
      "a lookbehind that may match a character outside the Basic Multilingual Plane, such as '.' or a negated class (Java counts such a character as two there); list the characters it may match instead",
      group.at,
    );
  }
}

/**
 * One node of the chain Java's compiler builds, as far as its length estimate (`study`) is concerned. Groups are
 * transparent; an alternation, or an optional group, is a branch whose estimate includes everything after it.
 */
type Element =
  | { readonly kind: "char" | "lineEnding" | "zero" | "backref" | "loop" }
  | { readonly kind: "optional"; readonly atom: RegexNode }
  | { readonly kind: "greedyChar"; readonly min: number }
  | { readonly kind: "curly"; readonly atom: RegexNode; readonly min: number; readonly max: number }
  | { readonly kind: "branch"; readonly branches: readonly (RegexNode | null)[] };

function flatten(node: RegexNode, into: Element[] = []): Element[] {
  switch (node.type) {
    case "sequence":
      for (const item of node.items) flatten(item, into);
      break;
    case "alternation":
      into.push({ kind: "branch", branches: node.branches });
      break;
    case "set":
      into.push({ kind: "char" });
      break;
    case "linebreak":
      into.push({ kind: "lineEnding" });
      break;
    case "assertion":
      into.push({ kind: "zero" });
      break;
    case "backref":
      into.push({ kind: "backref" });
      break;
    case "group":
      if (node.kind === "capturing" || node.kind === "plain") flatten(node.body, into);
      else into.push({ kind: "zero" });
      break;
    case "repeat":
      into.push(repeatElement(node));
      break;
  }
  return into;
}

function repeatElement(node: Extract<RegexNode, { type: "repeat" }>): Element {
  const body = node.body;
  const isGroup = body.type === "group" && (body.kind === "capturing" || body.kind === "plain");
  if (node.min === 0 && node.max === 1) {
    return isGroup ? { kind: "branch", branches: [body, null] } : { kind: "optional", atom: body };
  }
  if (body.type === "set" && !node.lazy && node.max === MAX_REPEAT)
    return { kind: "greedyChar", min: node.min };
  // Java repeats a group whose length varies with a loop node, which has no maximum.
  if (isGroup && !studyChain(flatten(body), 0, fresh()).deterministic) return { kind: "loop" };
  return { kind: "curly", atom: body, min: node.min, max: node.max };
}

/** Java's `study` of the chain from `start` on, adding to `info`. */
function studyChain(elements: readonly Element[], start: number, info: Study): Study {
  for (let i = start; i < elements.length; i++) {
    const element = elements[i] as Element;
    switch (element.kind) {
      case "char":
        info.min = int32(info.min + 1);
        info.max = int32(info.max + 1);
        break;
      case "lineEnding":
        info.min = int32(info.min + 1);
        info.max = int32(info.max + 2);
        break;
      case "zero":
        break;
      case "backref":
        info.maxValid = false;
        break;
      case "loop":
        // A loop node ends the estimate: nothing after it is looked at.
        Object.assign(info, { maxValid: false, deterministic: false });
        return info;
      case "optional": {
        const min = info.min;
        studyChain(flatten(element.atom), 0, info);
        info.min = min;
        info.deterministic = false;
        break;
      }
      case "greedyChar":
        info.min = int32(info.min + element.min);
        if (info.maxValid) info.max = int32(info.max + MAX_REPEAT);
        info.deterministic = false;
        break;
      case "curly":
        studyCurly(element, info);
        break;
      case "branch":
        return studyBranch(element.branches, elements, i + 1, info);
    }
  }
  return info;
}

function studyCurly(element: Extract<Element, { kind: "curly" }>, info: Study): void {
  const saved = { ...info };
  const inner = studyChain(flatten(element.atom), 0, fresh());
  let min = int32(Math.imul(inner.min, element.min) + saved.min);
  if (min < saved.min) min = 0xfffffff;
  info.min = min;
  if (saved.maxValid && inner.maxValid) {
    info.max = int32(Math.imul(inner.max, element.max) + saved.max);
    info.maxValid = info.max >= saved.max;
  } else {
    info.maxValid = false;
  }
  info.deterministic = inner.deterministic && element.min === element.max ? saved.deterministic : false;
}

function studyBranch(
  branches: readonly (RegexNode | null)[],
  elements: readonly Element[],
  rest: number,
  info: Study,
): Study {
  let min2 = 0x7fffffff;
  let max2 = -1;
  let valid = info.maxValid;
  for (const branch of branches) {
    const inner = branch === null ? fresh() : studyChain(flatten(branch), 0, fresh());
    min2 = Math.min(min2, inner.min);
    max2 = Math.max(max2, inner.max);
    valid = valid && inner.maxValid;
  }
  const min = int32(info.min + min2);
  const max = int32(info.max + max2);
  // Java estimates what follows a branch on its own, then adds: overflow checks there see only that part.
  const after = studyChain(elements, rest, fresh());
  info.min = int32(after.min + min);
  info.max = int32(after.max + max);
  info.maxValid = after.maxValid && valid;
  info.deterministic = false;
  return info;
}

/** The true shortest and longest text `node` matches, in characters (longest may be infinite). */
function bounds(node: RegexNode): [number, number] {
  switch (node.type) {
    case "sequence":
      return node.items.map(bounds).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
    case "alternation": {
      const all = node.branches.map(bounds);
      return [Math.min(...all.map((b) => b[0])), Math.max(...all.map((b) => b[1]))];
    }
    case "set":
      return [1, 1];
    case "linebreak":
      return [1, 2];
    case "assertion":
    case "backref":
      return [0, 0];
    case "group":
      return node.kind === "capturing" || node.kind === "plain" ? bounds(node.body) : [0, 0];
    case "repeat": {
      const [min, max] = bounds(node.body);
      const times = node.max === MAX_REPEAT ? Number.POSITIVE_INFINITY : node.max;
      return [min * node.min, max === 0 ? 0 : max * times];
    }
  }
}

function mayMatchSupplementary(node: RegexNode): boolean {
  switch (node.type) {
    case "sequence":
      return node.items.some(mayMatchSupplementary);
    case "alternation":
      return node.branches.some(mayMatchSupplementary);
    case "set":
      return setMayMatchSupplementary(node.set);
    case "group":
    case "repeat":
      return mayMatchSupplementary(node.body);
    default:
      return false;
  }
}

function setMayMatchSupplementary(set: CharSet): boolean {
  switch (set.kind) {
    case "chars":
      return set.codePoints.some((cp) => cp >= 0x10000);
    case "range":
      return set.to >= 0x10000;
    case "union":
      return set.items.some(setMayMatchSupplementary);
    case "and":
      return setMayMatchSupplementary(set.left) && setMayMatchSupplementary(set.right);
    default:
      return true;
  }
}
