// Builds the loopback bridge (tests/bridge: the real commands, and a real tideline-clinic for the
// tests that need one), the in-page script (the bridge's IPC forwarder), and runs the browser suite with node's test runner. ui/dist must be built first; `npm run test:browser` does both.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ui = join(dirname(fileURLToPath(import.meta.url)), "../..");
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ui, stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, [join(ui, "node_modules/vite/bin/vite.js"), "build", "--config", "vite.bridge.config.ts", "--logLevel", "warn"]);
// The bridge binary: cargo says where it put it.
const cargo = spawnSync("cargo", ["build", "-p", "tideline-bridge", "--message-format=json-render-diagnostics"], { cwd: join(ui, ".."), stdio: ["ignore", "pipe", "inherit"], maxBuffer: 256 * 1024 * 1024 });
if (cargo.status !== 0) process.exit(cargo.status ?? 1);
const built = cargo.stdout
  .toString()
  .split("\n")
  .filter((line) => line.startsWith("{"))
  .map((line) => JSON.parse(line))
  .find((m) => m.reason === "compiler-artifact" && m.target?.name === "tideline-bridge" && m.executable);
if (!built) {
  console.error("cargo did not report the tideline-bridge binary");
  process.exit(1);
}
process.env.TIDELINE_BRIDGE = built.executable;
// A test that hangs fails instead of holding CI until its limit. Node applies --test-timeout to a
// whole FILE, not to each test in it (a 3-minute budget cancelled screens.test.mjs, ~7 minutes of
// passing tests on a loaded machine), so each file runs on its own with a budget for the file.
// `node tests/browser/run.mjs pseudo.test.mjs` runs only the files named (while iterating).
const ALL = ["screens.test.mjs", "help-layer.test.mjs", "drafts.test.mjs", "first-run-key.test.mjs", "quick-unlock.test.mjs", "key-rotation-devices.test.mjs", "spanish.test.mjs", "pseudo.test.mjs"];
const MINUTES = { "screens.test.mjs": 20 };
const files = process.argv.length > 2 ? process.argv.slice(2) : ALL;
const failed = files.filter((f) => {
  const budget = (MINUTES[f] ?? 8) * 60_000;
  const r = spawnSync(process.execPath, ["--test", "--test-concurrency=1", `--test-timeout=${budget}`, "--test-reporter=spec", join(ui, "tests/browser", f)], { cwd: ui, stdio: "inherit", env: process.env });
  return r.status !== 0;
});
if (failed.length > 0) {
  console.error(`browser tests failed in: ${failed.join(", ")}`);
  process.exit(1);
}
