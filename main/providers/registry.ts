/** Every provider the app knows, in the order the UI lists them. Sample data first: it works with no key. */
import type { AppConfig } from '../config';
import { createApioneAdapter } from './apione';
import { createApolloAdapter } from './apollo';
import { createOceanAdapter } from './ocean';
import { createSampleAdapter } from './sample';
import { createSumbleAdapter } from './sumble';
import type { ProviderAdapter } from './types';

export function createProviderAdapters(config: AppConfig): ProviderAdapter[] {
  return [
    createSampleAdapter(),
    createApolloAdapter({ baseUrl: config.baseUrls.apollo }),
    createApioneAdapter({ baseUrl: config.baseUrls.apione }),
    createOceanAdapter({ baseUrl: config.baseUrls.ocean }),
    createSumbleAdapter({ baseUrl: config.baseUrls.sumble }),
  ];
}
