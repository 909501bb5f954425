/* Types for the untyped CommonJS package; only the call Panelis makes. */
declare module "@develoka/angka-terbilang-js" {
  const angkaTerbilang: (target: string | number, settings?: { decimal: string }) => string;
  export = angkaTerbilang;
}
