// Builds the mock backend script and runs the browser suite with node's test runner.
// ui/dist must be built first (`npm run build`); `npm run test:browser` does both.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ui = join(dirname(fileURLToPath(import.meta.url)), "../..");
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ui, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, [join(ui, "node_modules/vite/bin/vite.js"), "build", "--config", "vite.mock.config.ts", "--logLevel", "warn"]);
run(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec", join(ui, "tests/browser/screens.test.mjs"), join(ui, "tests/browser/help-layer.test.mjs"), join(ui, "tests/browser/first-run-key.test.mjs"), join(ui, "tests/browser/quick-unlock.test.mjs")]);
