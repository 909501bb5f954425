import { createHash, hash } from "node:crypto";
import { aScoreMutation } from "./tests/fixtures/builders.ts";
const a = aScoreMutation({});
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
};
const collect = (value: unknown, keys: Set<string>): void => {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) { for (const item of value) collect(item, keys); return; }
  for (const k in value) { keys.add(k); collect((value as any)[k], keys); }
};
const fast = (value: unknown) => { const keys = new Set<string>(); collect(value, keys); return JSON.stringify(value, [...keys].sort()); };
console.log(fast(a) === canonical(a));
let t = performance.now(); for (let i = 0; i < 100000; i++) canonical(a); console.log("canonical", performance.now() - t);
t = performance.now(); for (let i = 0; i < 100000; i++) fast(a); console.log("fast", performance.now() - t);
t = performance.now(); for (let i = 0; i < 100000; i++) hash("sha256", fast(a)); console.log("fast+hash", performance.now() - t);
t = performance.now(); for (let i = 0; i < 100000; i++) createHash("sha256").update(canonical(a)).digest("hex"); console.log("old", performance.now() - t);
const canon2 = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) { let out = "["; for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + canon2(value[i]); return `${out}]`; }
  const object = value as Record<string, unknown>; let out = "{"; let first = true;
  for (const key of Object.keys(object).sort()) { const v = object[key]; if (v === undefined) continue; out += `${first ? "" : ","}${JSON.stringify(key)}:${canon2(v)}`; first = false; }
  return `${out}}`;
};
const sortedClone = (value: unknown): unknown => {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(sortedClone);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedClone((value as any)[key]);
  return out;
};
const canon3 = (v: unknown) => JSON.stringify(sortedClone(v)) ?? "null";
console.log(canon2(a) === canonical(a), canon3(a) === canonical(a));
t = performance.now(); for (let i = 0; i < 100000; i++) canon2(a); console.log("canon2", performance.now() - t);
t = performance.now(); for (let i = 0; i < 100000; i++) canon3(a); console.log("canon3", performance.now() - t);
t = performance.now(); for (let i = 0; i < 100000; i++) JSON.stringify(a); console.log("stringify", performance.now() - t);
