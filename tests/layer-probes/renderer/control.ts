// Must pass: the renderer may import shared/, its own files, React, Dexie and zod, and use the DOM.
import { useState } from 'react';
import Dexie from 'dexie';
import { z } from 'zod';
import { normalizeEmail } from '../../shared/identity';
import { later } from './util';

export const probe = [useState, Dexie, z.string(), normalizeEmail, later];
export const title = window.document.title;
export const hasIndexedDb = typeof indexedDB !== 'undefined';
