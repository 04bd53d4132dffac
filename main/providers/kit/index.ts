/** The provider kit: what every provider folder (apollo/, apione/, ocean/, sumble/) builds on. */
export * from './base-url';
export * from './batch';
export * from './fastapi';
export * from './json-client';
export * from './keys';
export * from './provenance';
export * from './redact';
export * from './status-ladder';
