// Must fail: shared/ runs in every process, so neither the DOM nor Node exists for it, and it
// imports no other layer and no renderer-only package.
// A leaf of the renderer: an import chain that reaches papaparse's types would drag Node's in.
import { locationText as db } from '../../renderer/src/lib/format';
import Dexie from 'dexie';

export const probe = [db, Dexie];
export const where = window.location.href;
export const home = process.env.HOME;
