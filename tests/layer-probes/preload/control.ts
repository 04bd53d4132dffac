// Must pass: the preload may import Electron and shared/.
import { contextBridge } from 'electron';
import { createApi } from '../../shared/api';

export const probe = [contextBridge, createApi];
