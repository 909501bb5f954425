import { readFileSync, readdirSync, statSync } from "node:fs";
import { transformSync } from "esbuild";
const p = JSON.parse(readFileSync(process.argv[2], "utf8"));
const files = new Map();
const srcOf = (url) => {
  if (!files.has(url)) {
    const path = url.replace("file://", "");
    const src = readFileSync(path, "utf8");
    const probe = (src.match(/\n(?:export )?const (\w+) = /g) ?? []).map((x) => x.replace(/\n(export )?const /, "const ").replace(" = ", "="));
    const dir = "/tmp/tsx-0";
    const cands = readdirSync(dir).filter((f) => !f.endsWith(".pipe")).map((f) => ({ f, t: statSync(`${dir}/${f}`).mtimeMs })).sort((a, b) => b.t - a.t);
    let code = "";
    for (const { f } of cands) { try { const c = JSON.parse(readFileSync(`${dir}/${f}`, "utf8")).code; if (probe.length && probe.every((p) => c.includes(p))) { code = c; break; } } catch {} }
    files.set(url, code.split("\n"));
  }
  return files.get(url);
};
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => { const cf = n.callFrame; if (!cf.url.includes("/work/main/src")) return null;
  const lines = srcOf(cf.url); const l = lines[cf.lineNumber] ?? ""; const snippet = l.slice(Math.max(0, cf.columnNumber - 40), cf.columnNumber + 30);
  return `${cf.url.split("/").pop()}:${cf.lineNumber}:${cf.columnNumber} ${cf.functionName} «${snippet}»`; };
const selfT = new Map(); const incl = new Map(); let total = 0;
p.samples.forEach((id, i) => { const t = p.timeDeltas[i] ?? 0; total += t; const n = byId.get(id);
  if (n.callFrame.functionName === "(idle)") return;
  const l = label(n); if (l) selfT.set(l, (selfT.get(l) ?? 0) + t);
  const seen = new Set(); let cur = id; while (cur !== undefined) { const ln = label(byId.get(cur)); if (ln && !seen.has(ln)) { seen.add(ln); incl.set(ln, (incl.get(ln) ?? 0) + t); } cur = parent.get(cur); } });
const show = (m, k) => { console.log(`== ${k}`); for (const [l, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((t / 1000).toFixed(0).padStart(6), l); };
show(selfT, "self"); show(incl, "inclusive");
