/*
 * Proves the vitest suite is deterministic: runs it N times back to back, then
 * once more while two child processes keep both cores busy (CI often runs on a
 * machine that is still working), and names every run that was not green.
 * Usage: npm run test:repeat -- N   (default 5). Exits non-zero if any run failed.
 */
import { spawn, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { stripVTControlCharacters } from "node:util";

const runs = Number.parseInt(process.argv[2] ?? "5", 10);
if (!Number.isInteger(runs) || runs < 1) {
  console.error("usage: npm run test:repeat -- N (a whole number ≥ 1)");
  process.exit(2);
}

const vitest = () => {
  const started = Date.now();
  const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--reporter=dot"], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const summary = stripVTControlCharacters(output).match(/Tests\s+[^\n]*/)?.[0] ?? "no summary";
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000, summary, output };
};

/** Busy loops, one per core, until killed. */
const burnCpu = () =>
  Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ["-e", "for (;;) Math.sqrt(Math.random());"], { stdio: "ignore" }),
  );

const results = [];
for (let i = 1; i <= runs + 1; i += 1) {
  const loaded = i === runs + 1;
  const burners = loaded ? burnCpu() : [];
  const result = vitest();
  for (const burner of burners) burner.kill("SIGKILL");
  const label = loaded ? `run ${i} (cores busy)` : `run ${i}`;
  console.log(`${result.ok ? "✔" : "✘"} ${label}: ${result.summary} in ${result.seconds.toFixed(1)} s`);
  if (!result.ok) console.log(result.output.split("\n").slice(-60).join("\n"));
  results.push({ label, ...result });
}

const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length} of ${results.length} runs green`);
if (failed.length > 0) console.log(`not green: ${failed.map((r) => r.label).join(", ")}`);
process.exit(failed.length > 0 ? 1 : 0);
