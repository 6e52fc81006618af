// Entry of a save-check worker thread (dossier-check-pool.ts) from the sources: the TypeScript
// runs through tsx's loader, registered in this thread (loaders do not carry over from the parent
// thread). From dist/ the pool starts the built dist/dossier-check-task.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./dossier-check-task.ts');
