// Must fail: the renderer reaches into main by path, imports a main-only package, a Node builtin
// and a package that is not in package.json, and uses Node's `process`.
import type { RuntimeOptions } from '../../main/runtime';
import { request } from 'undici';
import { readFileSync } from 'node:fs';
import leftPad from 'left-pad';

export const probe: [RuntimeOptions | undefined, unknown, unknown, unknown] = [
  undefined,
  request,
  readFileSync,
  leftPad,
];
export const home = process.env.HOME;
