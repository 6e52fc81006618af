/** The typed concept registry (issue #10): keys and their builders, definitions and readers. */
export * from './keys.ts';
export * from './registry.ts';
