import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/**
 * Transpiles a TypeScript entry file and every file it imports by relative path into `outDir`, keeping their
 * layout relative to `root`, so a child process can run it with plain `node` (Node 20 cannot run TypeScript and
 * loading a TypeScript loader in every child would slow a test that starts many of them).
 * @returns the path of the entry's JavaScript file.
 */
export async function transpileForNode(entry: string, root: string, outDir: string): Promise<string> {
  const done = new Set<string>();
  const pending = [resolve(entry)];
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "package.json"), '{"type":"module"}\n');
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    if (done.has(source)) continue;
    done.add(source);
    const text = await readFile(source, "utf8");
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (fileName.startsWith(".")) pending.push(resolve(dirname(source), fileName.replace(/\.js$/, ".ts")));
    }
    const output = ts.transpileModule(text, {
      fileName: source,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    }).outputText;
    const target = join(outDir, relative(root, source)).replace(/\.ts$/, ".js");
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output);
  }
  return join(outDir, relative(root, resolve(entry))).replace(/\.ts$/, ".js");
}
