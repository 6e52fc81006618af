/**
 * The review's guard rails on the server: submit refused while error-level findings remain (an
 * admin may override with a reason, logged), unpublish with a reason, restore of a version as a
 * new revision, the workflow steps with the version each acted on, and row comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseDossierInput } from '../core/testing/factories.ts';
import { makeFixture, type Fixture } from './test-fixture.ts';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.close();
});

type Rec = { id: number; version: number; dossier: Record<string, unknown> };

/** The dossier with its first indicator scored 5 above its weight (SCORE-ABOVE-WEIGHT, error). */
async function withError(d: Rec): Promise<number> {
  const indicators = baseDossierInput().indicators as { weight: number; score?: number }[];
  const first = indicators[0] as { weight: number; score?: number };
  first.score = first.weight + 5;
  const put = await f.req('editor', 'PUT', `/api/dossiers/${d.id}`, {
    version: d.version,
    dossier: { ...d.dossier, indicators },
  });
  expect(put.statusCode, put.body).toBe(200);
  return put.json().version as number;
}

const transition = (role: 'editor' | 'reviewer' | 'admin', id: number, body: object) =>
  f.req(role, 'POST', `/api/dossiers/${id}/transitions`, body);

describe('submit guard', () => {
  it('refuses the editor while errors remain, in Chinese, and keeps the status', async () => {
    const d = (await f.dossier('A')) as unknown as Rec;
    await withError(d);
    const r = await transition('editor', d.id, { action: 'submit' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('has-errors');
    // Two error-level findings: score above weight, and the stated score against the rule's.
    expect(r.json().error.message).toBe('审核发现 2 个错误级问题，修正后才能提交审核');
    const after = (await f.req('editor', 'GET', `/api/dossiers/${d.id}`)).json();
    expect(after.status).toBe('draft');
    // An editor's override reason is not an override.
    const tried = await transition('editor', d.id, { action: 'submit', overrideReason: '急用' });
    expect(tried.statusCode).toBe(422);
  });

  it('lets an admin submit with a reason, and logs the reason and the error count', async () => {
    const d = (await f.dossier('A')) as unknown as Rec;
    await withError(d);
    const bare = await transition('admin', d.id, { action: 'submit' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.message).toContain('管理员可填写理由后强制提交');
    const ok = await transition('admin', d.id, {
      action: 'submit',
      overrideReason: '单位已书面说明，先行报送',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('submitted');
    const log = (await f.req('admin', 'GET', `/api/dossiers/${d.id}/log`)).json() as {
      action: string;
      detail: Record<string, unknown>;
    }[];
    const override = log.find((e) => e.action === 'dossier.submit.override');
    expect(override?.detail).toEqual({ reason: '单位已书面说明，先行报送', errors: 2 });
  });

  it('names the status and the action in Chinese when the status does not allow it', async () => {
    const d = (await f.dossier('A', 'submitted')) as unknown as Rec;
    const r = await transition('editor', d.id, { action: 'submit' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toBe('档案状态为「已提交」，不能提交审核');
  });
});

describe('unpublish', () => {
  it('takes a published report off the public list with a reason; editors may not', async () => {
    const d = (await f.dossier('A', 'published')) as unknown as Rec;
    const listed = async () =>
      ((await f.req('anonymous', 'GET', '/api/public/reports')).json() as { id: number }[]).some(
        (p) => p.id === d.id,
      );
    expect(await listed()).toBe(true);
    expect(
      (await transition('editor', d.id, { action: 'unpublish', comment: 'x' })).statusCode,
    ).toBe(403);
    const noReason = await transition('reviewer', d.id, { action: 'unpublish' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.message).toBe('撤回发布时必须填写理由');
    const r = await transition('reviewer', d.id, { action: 'unpublish', comment: '数据有误待核' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('approved');
    expect(await listed()).toBe(false);
    const steps = (await f.req('reviewer', 'GET', `/api/dossiers/${d.id}/steps`)).json() as {
      action: string;
      comment: string | null;
    }[];
    expect(steps.at(-1)).toMatchObject({ action: 'unpublish', comment: '数据有误待核' });
  });
});

describe('history', () => {
  it('restores an earlier version as a new revision and marks workflow steps', async () => {
    const d = (await f.dossier('A')) as unknown as Rec;
    const v2 = await withError(d); // version 2 has the error
    const v1 = (await f.req('editor', 'GET', `/api/dossiers/${d.id}/revisions/1`)).json();
    const r = await f.req('editor', 'POST', `/api/dossiers/${d.id}/restore`, {
      version: 1,
      baseVersion: v2,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().version).toBe(3);
    const cur = (await f.req('editor', 'GET', `/api/dossiers/${d.id}`)).json();
    expect(cur.version).toBe(3);
    expect(cur.dossier).toEqual(v1.dossier);
    const revs = (await f.req('editor', 'GET', `/api/dossiers/${d.id}/revisions`)).json();
    expect(revs.map((x: { version: number }) => x.version)).toEqual([1, 2, 3]);
    // A stale base version is a conflict, not an overwrite.
    const stale = await f.req('editor', 'POST', `/api/dossiers/${d.id}/restore`, {
      version: 2,
      baseVersion: v2,
    });
    expect(stale.statusCode).toBe(409);
    expect((await transition('editor', d.id, { action: 'submit' })).statusCode).toBe(200);
    const steps = (await f.req('editor', 'GET', `/api/dossiers/${d.id}/steps`)).json();
    expect(steps).toEqual([
      expect.objectContaining({ action: 'submit', to: 'submitted', version: 3 }),
    ]);
    // Submitted: the editor can no longer restore.
    const locked = await f.req('editor', 'POST', `/api/dossiers/${d.id}/restore`, {
      version: 1,
      baseVersion: 3,
    });
    expect(locked.statusCode).toBe(403);
  });
});

describe('row comments', () => {
  it('stores comments on a project, an indicator of a project and a money row', async () => {
    const d = (await f.dossier('A')) as unknown as Rec;
    for (const target of [
      { kind: 'project', ref: 'P1' },
      { kind: 'indicator', ref: 'P1/X1' },
      { kind: 'row', ref: 'expenditure.personnel' },
    ]) {
      const r = await f.req('reviewer', 'POST', `/api/dossiers/${d.id}/comments`, {
        target,
        body: '请核对',
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const list = (await f.req('editor', 'GET', `/api/dossiers/${d.id}/comments`)).json();
    expect(list.map((c: { target: unknown }) => c.target)).toEqual([
      { kind: 'project', ref: 'P1' },
      { kind: 'indicator', ref: 'P1/X1' },
      { kind: 'row', ref: 'expenditure.personnel' },
    ]);
    const bad = await f.req('reviewer', 'POST', `/api/dossiers/${d.id}/comments`, {
      target: { kind: 'cell' },
      body: 'x',
    });
    expect(bad.statusCode).toBe(400);
  });
});
