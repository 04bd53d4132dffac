// Must pass: main may import shared/, Node builtins (bare or node:), undici and keytar, and use Node globals.
import { join } from 'node:path';
import { readFileSync } from 'fs';
import { request } from 'undici';
import keytar from 'keytar';
import { normalizeEmail } from '../../shared/identity';

export const probe = [join, readFileSync, request, keytar, normalizeEmail];
export const home = process.env.HOME ?? Buffer.from('').toString();
