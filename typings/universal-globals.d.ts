/**
 * The few globals shared/ may use: ones that Node 20, Chromium pages and Workers all provide with
 * the same WHATWG shape. Only tsconfig.shared.json includes this file; main and the renderer get the
 * full declarations from @types/node and lib.dom instead. Declare a member here only when shared/
 * needs it, so shared/ cannot drift into one runtime's API.
 */
declare class URL {
  constructor(input: string, base?: string | URL);
  readonly hostname: string;
  readonly pathname: string;
}
