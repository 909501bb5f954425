import { describe, expect, it } from "vitest";
import { staticCopyOf } from "../bench/lighthouse-floor.ts";

describe("the Lighthouse baseline page", () => {
  it("keeps the rendered screen and its stylesheet, and drops every script, module preload and the manifest", () => {
    const rendered = [
      "<html><head>",
      "<script>(()=>{globalThis.early=1})();</script>",
      '<script type="module" crossorigin src="/assets/index-A.js"></script>',
      '<link rel="modulepreload" crossorigin href="/assets/hlc-B.js">',
      '<link rel="stylesheet" crossorigin href="/assets/index-C.css">',
      '<link rel="manifest" href="/manifest.webmanifest">',
      '</head><body><div id="app"><main><h1>Panelis</h1><button>Gabung</button></main></div>',
      '<script type="module" src="/assets/storage-D.js"></script>',
      "</body></html>",
    ].join("\n");
    const copy = staticCopyOf(rendered);
    expect(copy).not.toMatch(/<script/i);
    expect(copy).not.toContain("modulepreload");
    expect(copy).not.toContain("manifest");
    expect(copy).toContain('<link rel="stylesheet" crossorigin href="/assets/index-C.css">');
    expect(copy).toContain("<main><h1>Panelis</h1><button>Gabung</button></main>");
  });
});
