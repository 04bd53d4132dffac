/**
 * The providers' documented example bodies, as copied into tests/fixtures/<provider>/doc-*.json
 * (each folder's README.md says which page and section each file comes from). Simulators serve
 * them byte for byte when the `docExamples` knob is on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimReply } from './core';

const FIXTURES = join(__dirname, '..', 'fixtures');
const cache = new Map<string, string>();

/** The raw text of tests/fixtures/<provider>/<file>. */
export function fixtureText(provider: string, file: string): string {
  const path = join(FIXTURES, provider, file);
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    cache.set(path, text);
  }
  return text;
}

/** The fixture parsed, for a simulator that needs to read a field of it. */
export function fixtureJson<T = unknown>(provider: string, file: string): T {
  return JSON.parse(fixtureText(provider, file)) as T;
}

/** A reply whose body is the fixture's bytes, as JSON. */
export function fixtureReply(provider: string, file: string, status = 200): SimReply {
  return { status, text: fixtureText(provider, file), headers: { 'content-type': 'application/json; charset=utf-8' } };
}
