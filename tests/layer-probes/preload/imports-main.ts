// Must fail: the preload exposes the contract factory and imports nothing from main.
import { loadConfig } from '../../main/config';

export const probe = loadConfig;
