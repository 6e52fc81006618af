/**
 * First run against an empty store: an admin account (password from JIXIAO_ADMIN_PASSWORD, else
 * generated and printed once), the demo region 衡阳市, one demo unit per examples/*.yaml (the
 * "-corrected" variants are skipped: they are the same unit), a demo editor for the first unit and
 * a
 * demo reviewer for the region (password from JIXIAO_DEMO_PASSWORD, else generated and printed).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDossierFile } from '../io/load-dossier.ts';
import { countUsers, createRegion, createUnit, createUser } from '../storage/accounts.ts';
import { generatePassword } from '../storage/password.ts';
import { createDossier, transitionDossier, upsertSummary } from '../storage/dossiers.ts';
import type { DossierStatus } from '../storage/types.ts';
import type { Store } from '../storage/store.ts';
import { compute } from './compute.ts';

export const DEFAULT_EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface BootstrapResult {
  readonly created: boolean;
  readonly accounts: readonly {
    username: string;
    role: string;
    password: string;
    generated: boolean;
  }[];
  readonly units: readonly string[];
}

export async function bootstrap(
  store: Store,
  opts: { examplesDir?: string; env?: NodeJS.ProcessEnv; out?: (line: string) => void } = {},
): Promise<BootstrapResult> {
  const env = opts.env ?? process.env;
  const out = opts.out ?? (() => undefined);
  if ((await countUsers(store.db)) > 0) return { created: false, accounts: [], units: [] };

  const accounts: { username: string; role: string; password: string; generated: boolean }[] = [];
  const password = (v: string | undefined) =>
    v ? { password: v, generated: false } : { password: generatePassword(), generated: true };

  const admin = password(env.JIXIAO_ADMIN_PASSWORD);
  await createUser(store.db, { username: 'admin', password: admin.password, role: 'admin' });
  accounts.push({ username: 'admin', role: 'admin', ...admin });

  const region = await createRegion(store.db, { name: '衡阳市' });
  const dir = opts.examplesDir ?? DEFAULT_EXAMPLES_DIR;
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/i.test(f) && !/-corrected\./i.test(f))
      .sort();
  } catch {
    out(`（未找到示例目录 ${dir}，不创建示例单位）`);
  }
  const units: { id: number; name: string; file: string }[] = [];
  const subRegions = new Map<string, number>();
  for (const f of files) {
    let dossier;
    try {
      dossier = await loadDossierFile(join(dir, f), 'zh');
    } catch (err) {
      out(`跳过示例 ${f}：${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      continue;
    }
    // A unit below the city (unit.region "湖南省衡阳市雁南县") goes into a sub-region of 衡阳市, so the
    // demo shows the reviewer's region tree at work.
    const below = dossier.unit.region?.split(region.name)[1]?.trim();
    let regionId = region.id;
    if (below) {
      let id = subRegions.get(below);
      if (id === undefined) {
        id = (await createRegion(store.db, { name: below, parentId: region.id })).id;
        subRegions.set(below, id);
      }
      regionId = id;
    }
    const unit = await createUnit(store.db, {
      name: dossier.unit.name,
      regionId,
      budgetCode: dossier.unit.budgetCode ?? null,
    });
    const rec = await createDossier(store.db, {
      unitId: unit.id,
      year: dossier.year,
      dossier,
      actor: 'admin',
    });
    let errors: number | undefined;
    try {
      const { summary } = await compute(dossier);
      await upsertSummary(store.db, rec.id, summary);
      errors = summary.findings.error;
    } catch (err) {
      out(`示例 ${f} 的评分摘要未生成：${err instanceof Error ? err.message : String(err)}`);
    }
    // Made-up demo units arrive already in the workflow, so the bureau's dashboard and the public
    // page have something to show: a clean one is published, one with errors awaits review.
    if (f.startsWith('demo-') && errors !== undefined) {
      const steps: [DossierStatus, DossierStatus, string][] = [['draft', 'submitted', 'submit']];
      if (errors === 0)
        steps.push(['submitted', 'approved', 'approve'], ['approved', 'published', 'publish']);
      for (const [from, to, action] of steps)
        await transitionDossier(store.db, {
          id: rec.id,
          from,
          to,
          action,
          actor: 'admin',
          comment: '示例数据',
        });
    }
    units.push({ ...unit, file: f });
  }

  const demo = password(env.JIXIAO_DEMO_PASSWORD);
  // The demo editor belongs to the seed unit (the real published report), not a made-up demo-*
  // unit.
  const editorUnit = units.find((u) => !u.file.startsWith('demo-')) ?? units[0];
  if (editorUnit) {
    await createUser(store.db, {
      username: 'editor',
      password: demo.password,
      role: 'editor',
      unitId: editorUnit.id,
    });
    accounts.push({ username: 'editor', role: 'editor', ...demo });
  }
  await createUser(store.db, {
    username: 'reviewer',
    password: demo.password,
    role: 'reviewer',
    regionId: region.id,
  });
  accounts.push({ username: 'reviewer', role: 'reviewer', ...demo });

  out('首次启动：已创建账号（密码只显示这一次，请妥善保存）');
  for (const a of accounts) {
    const roleZh =
      a.role === 'admin'
        ? '管理员'
        : a.role === 'reviewer'
          ? `复核人员（${region.name}）`
          : `填报人员（${editorUnit?.name ?? ''}）`;
    out(`  ${a.username} / ${a.generated ? a.password : '（环境变量中设置的密码）'}  ${roleZh}`);
  }
  if (units.length) out(`示例单位：${units.map((u) => u.name).join('、')}`);
  return { created: true, accounts, units: units.map((u) => u.name) };
}
