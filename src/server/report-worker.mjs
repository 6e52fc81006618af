// Entry of a report worker thread (report-pool.ts): the TypeScript sources run through tsx's
// loader, registered in this thread (loaders do not carry over from the parent thread).
import { register } from 'tsx/esm/api';

register();
await import('./report-task.ts');
