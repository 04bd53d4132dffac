// Must fail: shared/ runs in every process, so neither the DOM nor Node exists for it, and it
// imports no other layer and no renderer-only package.
import { db } from '../../renderer/src/db/schema';
import Dexie from 'dexie';

export const probe = [db, Dexie];
export const where = window.location.href;
export const home = process.env.HOME;
