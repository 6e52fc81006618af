import { describe, expect, it } from 'vitest';
import { runCli } from '../run.ts';

describe('jixiao serve (usage)', () => {
  it('rejects a bad port or database URL with exit code 2 and a located message', async () => {
    const port = await runCli(['serve', '--port', 'eighty'], { capture: true });
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port');
    const url = await runCli(['serve', '--database-url', 'mysql://localhost/x'], { capture: true });
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('postgres://');
  });

  it('documents its options in --help', async () => {
    const help = await runCli(['serve', '--help'], { capture: true });
    expect(help.code).toBe(0);
    for (const opt of ['--port', '--host', '--data', '--database-url'])
      expect(help.stdout).toContain(opt);
  });
});
