/** Regions (a hierarchy), units, users and sessions: plain functions over the store. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword, verifyPassword } from './password.ts';
import { prepared } from './prepared.ts';
import { nowIso } from './store.ts';
import type { DB, Role } from './types.ts';

type Db = Kysely<DB>;

export interface Region {
  readonly id: number;
  readonly name: string;
  readonly parentId: number | null;
}
export interface Unit {
  readonly id: number;
  readonly name: string;
  readonly regionId: number;
  readonly budgetCode: string | null;
}
export interface User {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
  readonly unitId: number | null;
  readonly regionId: number | null;
}

// ---- regions

export async function createRegion(
  db: Db,
  r: { name: string; parentId?: number | null },
): Promise<Region> {
  const row = await db
    .insertInto('regions')
    .values({ name: r.name, parent_id: r.parentId ?? null })
    .returning(['id', 'name', 'parent_id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, parentId: row.parent_id };
}

export async function listRegions(db: Db): Promise<Region[]> {
  const rows = await db
    .selectFrom('regions')
    .select(['id', 'name', 'parent_id'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id }));
}

/** A region and all regions below it (ids). */
export function subtreeIds(regions: readonly Region[], rootId: number): Set<number> {
  const out = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of regions)
      if (r.parentId !== null && out.has(r.parentId) && !out.has(r.id)) {
        out.add(r.id);
        grew = true;
      }
  }
  return out;
}

export interface RegionNode extends Region {
  readonly children: RegionNode[];
}

export function regionTree(regions: readonly Region[]): RegionNode[] {
  const nodes = new Map<number, RegionNode>(regions.map((r) => [r.id, { ...r, children: [] }]));
  const roots: RegionNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

// ---- units

const unitOf = (r: {
  id: number;
  name: string;
  region_id: number;
  budget_code: string | null;
}): Unit => ({ id: r.id, name: r.name, regionId: r.region_id, budgetCode: r.budget_code });

export async function createUnit(
  db: Db,
  u: { name: string; regionId: number; budgetCode?: string | null },
): Promise<Unit> {
  const row = await db
    .insertInto('units')
    .values({
      name: u.name,
      region_id: u.regionId,
      budget_code: u.budgetCode ?? null,
      created_at: nowIso(),
    })
    .returning(['id', 'name', 'region_id', 'budget_code'])
    .executeTakeFirstOrThrow();
  return unitOf(row);
}

export async function getUnit(db: Db, id: number): Promise<Unit | undefined> {
  const r = await db
    .selectFrom('units')
    .select(['id', 'name', 'region_id', 'budget_code'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && unitOf(r);
}

/** Units, optionally only those in the given regions. */
export async function listUnits(
  db: Db,
  filter: { regionIds?: readonly number[]; unitIds?: readonly number[] } = {},
): Promise<Unit[]> {
  let q = db.selectFrom('units').select(['id', 'name', 'region_id', 'budget_code']).orderBy('id');
  if (filter.regionIds) {
    if (filter.regionIds.length === 0) return [];
    q = q.where('region_id', 'in', [...filter.regionIds]);
  }
  if (filter.unitIds) {
    if (filter.unitIds.length === 0) return [];
    q = q.where('id', 'in', [...filter.unitIds]);
  }
  return (await q.execute()).map(unitOf);
}

// ---- users

const userOf = (r: {
  id: number;
  username: string;
  role: Role;
  unit_id: number | null;
  region_id: number | null;
}): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  unitId: r.unit_id,
  regionId: r.region_id,
});
const userCols = ['id', 'username', 'role', 'unit_id', 'region_id'] as const;

export async function createUser(
  db: Db,
  u: {
    username: string;
    password: string;
    role: Role;
    unitId?: number | null;
    regionId?: number | null;
  },
): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      password_hash: await hashPassword(u.password),
      role: u.role,
      unit_id: u.unitId ?? null,
      region_id: u.regionId ?? null,
      created_at: nowIso(),
    })
    .returning([...userCols])
    .executeTakeFirstOrThrow();
  return userOf(row);
}

export async function listUsers(db: Db): Promise<(User & { readonly disabled: boolean })[]> {
  return (
    await db
      .selectFrom('users')
      .select([...userCols, 'disabled_at'])
      .orderBy('id')
      .execute()
  ).map((r) => ({ ...userOf(r), disabled: r.disabled_at !== null }));
}

/** Disables (no login; every session ends) or re-enables an account. */
export async function setUserDisabled(db: Db, userId: number, disabled: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ disabled_at: disabled ? nowIso() : null })
      .where('id', '=', userId)
      .execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  });
}

export async function findUserByName(db: Db, username: string): Promise<User | undefined> {
  const r = await db
    .selectFrom('users')
    .select([...userCols])
    .where('username', '=', username)
    .executeTakeFirst();
  return r && userOf(r);
}

/** New password; all of the user's sessions end except `keepToken`'s. */
export async function setPassword(
  db: Db,
  userId: number,
  password: string,
  keepToken?: string,
): Promise<void> {
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepToken) q = q.where('token_hash', '!=', tokenHash(keepToken));
    await q.execute();
  });
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The user when username and password match, else undefined (same time either way, roughly). */
export async function authenticate(
  db: Db,
  username: string,
  password: string,
): Promise<User | undefined> {
  const r = await db
    .selectFrom('users')
    .select([...userCols, 'password_hash', 'disabled_at'])
    .where('username', '=', username)
    .executeTakeFirst();
  // Hash against a dummy when the user is unknown, so timing does not tell which usernames exist.
  const ok = await verifyPassword(password, r?.password_hash ?? DUMMY_HASH);
  return r && ok && r.disabled_at === null ? userOf(r) : undefined;
}
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

// ---- sessions

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: Db,
  userId: number,
  ttlMs: number,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = new Date(now + ttlMs).toISOString();
  // Expired sessions are swept at each login: the table stays the size of the active sessions.
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date(now).toISOString()).execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      created_at: new Date(now).toISOString(),
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

// Prepared once (prepared.ts): every signed-in request looks its session up.
const sessionByHash = prepared(['hash'], (db, value) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.role', 'u.unit_id', 'u.region_id', 's.expires_at'])
    .where('s.token_hash', '=', value('hash'))
    .where('u.disabled_at', 'is', null),
);

export async function sessionUser(db: Db, token: string): Promise<User | undefined> {
  const r = (await sessionByHash(db, { hash: tokenHash(token) })).rows[0];
  if (!r || r.expires_at <= nowIso()) return undefined;
  return userOf(r);
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}
