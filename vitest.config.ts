import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packagesDir = fileURLToPath(new URL("./packages", import.meta.url));
const packages = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Workspace packages resolve to their sources, so tests never need a build first. */
const alias = Object.fromEntries(
  packages.map((name) => [`@tributary/${name}`, `${packagesDir}/${name}/src/index.ts`]),
);

/**
 * A package that needs a real server (Kafka, a database, a search engine) starts it in its own
 * `test/global-setup.ts`, so running another package's tests never waits for a server it does not use.
 */
function globalSetupOf(name: string): string[] {
  const file = `${packagesDir}/${name}/test/global-setup.ts`;
  return existsSync(file) ? [file] : [];
}

export default defineConfig({
  test: {
    projects: packages.map((name) => ({
      resolve: { alias },
      test: {
        name,
        root: `${packagesDir}/${name}`,
        include: ["src/**/*.test.ts", "test/**/*.test.ts"],
        testTimeout: 60_000,
        hookTimeout: 180_000,
        globalSetup: globalSetupOf(name),
      },
    })),
  },
});
