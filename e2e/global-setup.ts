/** Build the web app once before the browser tests when web/dist is missing or stale. */
import { buildWeb, webBuildNeeded } from '../src/cli/commands/start.ts';

export default async function setup(): Promise<void> {
  if (webBuildNeeded()) await buildWeb((l) => console.log(l));
}
