// Entry of an import worker thread (sandbox.ts): the TypeScript sources run through tsx's loader,
// registered in this thread (loaders do not carry over from the parent thread).
import { register } from 'tsx/esm/api';

register();
await import('./sandbox-task.ts');
