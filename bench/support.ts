/** Helpers shared by the benchmarks. */
export { rng } from '../src/core/testing/rng.ts';

export { freePort } from '../src/server/free-port.ts';
