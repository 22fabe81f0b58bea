import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/**
 * A package directory and its package.json.
 * @internal
 */
export interface PluginPackage {
  /** The package's name from package.json, or its directory's name when it has none. */
  readonly name: string;
  /** The package's version from package.json, if any. */
  readonly version: string | undefined;
  /** The package's directory. */
  readonly dir: string;
  /** The parsed package.json. */
  readonly manifest: Readonly<Record<string, unknown>>;
}

/**
 * True when package.json declares Tributary plugins, the one rule discovery uses: a top-level
 * `"tributary": { "plugins": true }`.
 * @internal
 */
export function declaresPlugins(manifest: Readonly<Record<string, unknown>>): boolean {
  const section = manifest.tributary;
  return (
    typeof section === "object" && section !== null && (section as Record<string, unknown>).plugins === true
  );
}

/**
 * The `node_modules` directories Node would search from `start`: `start/node_modules`, then each parent's.
 * @internal
 */
export function nodeModulesAbove(start: string): string[] {
  const found: string[] = [];
  let dir = resolve(start);
  for (;;) {
    found.push(join(dir, "node_modules"));
    const parent = dirname(dir);
    if (parent === dir) return found;
    dir = parent;
  }
}

/**
 * The package directories directly inside `dir` (a `node_modules` folder or a plugin.path directory), scoped ones
 * (`@scope/name`) included; symbolic links are followed. A directory that does not exist has none.
 * @internal
 */
export async function packageDirsIn(dir: string): Promise<string[]> {
  const dirs: string[] = [];
  for (const name of await listDir(dir)) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const path = join(dir, name);
    if (!(await isDirectory(path))) continue;
    if (name.startsWith("@")) {
      for (const scoped of await listDir(path)) {
        if (!scoped.startsWith(".") && (await isDirectory(join(path, scoped)))) dirs.push(join(path, scoped));
      }
    } else {
      dirs.push(path);
    }
  }
  return dirs;
}

/**
 * The package in `dir`, or `undefined` when there is no readable package.json.
 * @throws Error when package.json exists but is not a JSON object.
 * @internal
 */
export async function readPackage(dir: string): Promise<PluginPackage | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, "package.json"), "utf8");
  } catch {
    return undefined;
  }
  const manifest: unknown = JSON.parse(text);
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    throw new Error(`${join(dir, "package.json")} does not hold a JSON object`);
  }
  const fields = manifest as Record<string, unknown>;
  const name =
    typeof fields.name === "string" && fields.name !== "" ? fields.name : dir.split(/[\\/]/).at(-1);
  const version = typeof fields.version === "string" ? fields.version : undefined;
  return { name: name ?? dir, version, dir, manifest: fields };
}

/**
 * The file that `import("<package>")` would load: the `exports` entry for `.` under the `import`, `node` or
 * `default` condition, else `main`, else `index.js`.
 * @internal
 */
export function entryPointOf(pkg: PluginPackage): string {
  const exported = exportTarget(pkg.manifest.exports);
  if (exported !== undefined) return join(pkg.dir, exported);
  const main = pkg.manifest.main;
  return join(pkg.dir, typeof main === "string" && main !== "" ? main : "index.js");
}

const CONDITIONS = ["import", "node", "default"];

function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === "string") return exports;
  if (Array.isArray(exports)) {
    for (const item of exports) {
      const target = exportTarget(item);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (typeof exports !== "object" || exports === null) return undefined;
  const map = exports as Record<string, unknown>;
  const keys = Object.keys(map);
  // Subpath maps have keys starting with "."; condition maps have none.
  if (keys.some((key) => key.startsWith("."))) return exportTarget(map["."]);
  for (const condition of CONDITIONS) {
    if (condition in map) {
      const target = exportTarget(map[condition]);
      if (target !== undefined) return target;
    }
  }
  return undefined;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
