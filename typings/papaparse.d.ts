/**
 * The part of papaparse the renderer uses (csv/tokenizer.ts drives its Parser directly), typed here
 * because @types/papaparse starts with `/// <reference types="node" />`: through it every renderer
 * file would see Node's `process`, `Buffer` and `require`, and tsconfig.renderer.json could no longer
 * reject them. Only tsconfig.renderer.json maps `papaparse` here (`paths`); tests and tools, and the
 * tests project that also compiles the renderer, use the full @types/papaparse.
 */
declare namespace Papa {
  interface ParserConfig {
    delimiter: string;
    newline: '\n' | '\r' | '\r\n';
    quoteChar?: string;
    fastMode?: boolean;
  }
  /** papaparse's streaming core: parses `input` from `baseIndex`, keeping the last row back when asked. */
  class Parser {
    constructor(config: ParserConfig);
    parse(input: string, baseIndex: number, ignoreLastRow: boolean): unknown;
  }
}
export default Papa;
