// Must pass: shared/ may import shared/, pure libraries and its own files named like builtins.
import { z } from 'zod';
import { getDomain } from 'tldts';
import type { Person } from '../domain';
import { on } from './events';

export const probe = [z.string(), getDomain, on];
export type Probe = Person;
export const host = new URL('https://example.com/x').hostname;
