// Drives the HTML report in headless Chromium over the DevTools protocol (no npm packages):
// clicks an index header twice and checks the rows sort up then down, and hovers a finding
// and checks its sentence is highlighted. Usage: node --experimental-websocket
// scripts/browser-interact.mjs CHROMIUM REPORT.html PROFILE_DIR
import { spawn } from "node:child_process";
import { resolve } from "node:path";

const [chromium, report, profile] = process.argv.slice(2);
const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  `--user-data-dir=${profile}`, "--remote-debugging-port=0", `file://${resolve(report)}`];
const child = spawn(chromium, flags, { stdio: ["ignore", "ignore", "pipe"] });
const fail = (msg) => { console.error(`browser-interact: ${msg}`); child.kill(); process.exit(1); };
const timer = setTimeout(() => fail("timed out"), 90000);

const port = await new Promise((ok) => {
  let buf = "";
  child.stderr.on("data", (d) => {
    buf += d;
    const m = buf.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
    if (m) ok(m[1]);
  });
});
let page;
for (let i = 0; i < 50 && !page; i++) {
  const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  page = list.find((t) => t.type === "page" && t.url.startsWith("file:"));
  if (!page) await new Promise((r) => setTimeout(r, 100));
}
if (!page) fail("no page");
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((ok) => ws.addEventListener("open", ok));
let id = 0;
const pending = new Map();
ws.addEventListener("message", (e) => {
  const msg = JSON.parse(e.data);
  if (pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
});
const evaluate = (expression) => new Promise((ok) => {
  pending.set(++id, ok);
  ws.send(JSON.stringify({ id, method: "Runtime.evaluate", params: { expression, returnByValue: true } }));
}).then((m) => m.result?.result?.value);

// The target can be listed before its navigation commits: until then the document is the
// initial about:blank one. Wait for the report itself (its URL, fully loaded, script run).
const ready = `location.protocol === "file:" && document.readyState === "complete" &&
  document.querySelector("table.index th[tabindex]") !== null`;
for (let i = 0; i < 300 && (await evaluate(ready)) !== true; i++) {
  await new Promise((r) => setTimeout(r, 100));
}
const r = await evaluate(`(() => {
  const t = document.querySelector("table.index");
  if (!t) return { error: "no index table" };
  const th = t.tHead.rows[0].cells;
  const col = Array.from(th).findIndex((h) => h.textContent === "sentences");
  const vals = () => Array.from(t.tBodies[0].rows).map((row) => Number(row.cells[col].dataset.v));
  th[col].click();
  const asc = vals(), ascMark = th[col].getAttribute("aria-sort");
  th[col].click();
  const desc = vals(), descMark = th[col].getAttribute("aria-sort");
  const li = document.querySelector("ol.findings li[data-s]");
  li.dispatchEvent(new MouseEvent("mouseenter"));
  const lit = document.getElementById(li.dataset.s).classList.contains("hl");
  li.dispatchEvent(new MouseEvent("mouseleave"));
  const unlit = !document.getElementById(li.dataset.s).classList.contains("hl");
  return { asc, ascMark, desc, descMark, lit, unlit };
})()`);
clearTimeout(timer);
ws.close();
// wait for the browser to exit, so the caller can remove its profile directory
await new Promise((ok) => {
  if (child.exitCode !== null || child.signalCode !== null) return ok();
  child.once("exit", ok);
  setTimeout(ok, 10000);
  child.kill();
});
if (!r || r.error) fail(r ? r.error : "evaluation failed");
const sorted = (a, up) => a.every((v, i) => i === 0 || (up ? a[i - 1] <= v : a[i - 1] >= v));
const checks = {
  "rows sort ascending": sorted(r.asc, true) && r.ascMark === "ascending",
  "rows sort descending": sorted(r.desc, false) && r.descMark === "descending",
  "order changed": r.asc.length < 2 || r.asc.join() !== r.desc.join(),
  "hovering a finding highlights its sentence": r.lit && r.unlit,
};
let ok = true;
for (const [name, pass] of Object.entries(checks)) {
  console.log(`browser-interact: ${name}: ${pass ? "ok" : "FAILED"} (${JSON.stringify(r.asc)} / ${JSON.stringify(r.desc)})`);
  ok &&= pass;
}
process.exit(ok ? 0 : 1);
