/**
 * Small, realistic vocabularies the synthetic dataset draws from. Kept apart from the generator so
 * the adapter and tests can reuse them (e.g. to pick a technology that certainly exists).
 */
export * from './geography';
export * from './industries';
export * from './names';
export * from './work';
