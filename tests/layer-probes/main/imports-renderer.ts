// Must fail: main imports the renderer and the preload by path, Electron outside the thin shell,
// and uses the browser's IndexedDB.
import { db } from '../../renderer/src/db/schema';
import '../../preload/index';
import { app } from 'electron';

export const probe = [db, app];
export const open = indexedDB.open('prospect-desk');
