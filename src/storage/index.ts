/** Storage: open the store, then use the repository functions with `store.db`. */
export * from './store.ts';
export * from './types.ts';
export * from './accounts.ts';
export * from './dossiers.ts';
export * from './activity.ts';
export { hashPassword, verifyPassword, generatePassword } from './password.ts';
