/**
 * Users, the roles they hold, and their sessions. Passwords arrive here hashed already
 * (argon2id, server/passwords.ts); a session is stored only as the SHA-256 of its token.
 */
import { ROLES, type Actor, type Grant, type Role } from '../workflow/workflow.js';
import { StoreError, type Db, type Queryable } from './db.js';
import { sha256 } from './hash.js';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  grants: (Grant & { entityName?: string | null })[];
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  grants: Grant[];
}

export async function createUser(db: Db, u: NewUser): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>('INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING id', [u.username, u.displayName, u.passwordHash]);
    if (!row) throw new StoreError('user-exists', `用户名“${u.username}”已被使用`, '请换一个用户名。', 409);
    for (const g of u.grants) {
      if (!ROLES.includes(g.role)) throw new StoreError('bad-role', `未知的角色“${g.role}”`, `可用的角色：${ROLES.join('、')}`);
      if ((g.role === 'preparer' || g.role === 'reviewer') !== (g.entityId != null)) throw new StoreError('bad-grant', g.entityId == null ? '编制人、审核人须指定所在单位或部门（entityId）' : '财政局、管理员不属于某个单位，不能指定 entityId');
      if (g.entityId != null && !(await tx.query('SELECT 1 FROM entities WHERE id = $1', [g.entityId])).length) {
        throw new StoreError('no-entity', `没有编号为 ${g.entityId} 的单位或部门，不能授予${g.role === 'preparer' ? '编制人' : '审核人'}角色`, '请检查 entityId（GET /api/entities 可查）。', 422);
      }
      await tx.query('INSERT INTO user_roles (user_id, role, entity_id, region) VALUES ($1, $2, $3, $4)', [row.id, g.role, g.entityId ?? null, g.region ?? null]);
    }
    return row.id;
  });
}

async function grantsOf(db: Queryable, userId: number): Promise<UserRecord['grants']> {
  const rows = await db.query<{ role: Role; entityId: number | null; region: string | null; entityName: string | null }>(
    'SELECT r.role, r.entity_id AS "entityId", r.region, e.name AS "entityName" FROM user_roles r LEFT JOIN entities e ON e.id = r.entity_id WHERE r.user_id = $1 ORDER BY r.id',
    [userId],
  );
  return rows;
}

export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  const users = await db.query<Omit<UserRecord, 'grants'>>('SELECT id, username, display_name AS "displayName", disabled FROM users ORDER BY id');
  return Promise.all(users.map(async (u) => ({ ...u, grants: await grantsOf(db, u.id) })));
}

export async function passwordHashOf(db: Queryable, username: string): Promise<{ id: number; hash: string; disabled: boolean } | undefined> {
  const [row] = await db.query<{ id: number; hash: string; disabled: boolean }>('SELECT id, password_hash AS hash, disabled FROM users WHERE username = $1', [username]);
  return row;
}

export async function createSession(db: Queryable, userId: number, token: string, csrfToken: string, hours: number): Promise<string> {
  const [row] = await db.query<{ expires: string }>("INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING expires_at AS expires", [sha256(token), userId, csrfToken, hours]);
  return row!.expires;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
}

export interface Session {
  actor: Actor;
  user: UserRecord;
  csrfToken: string;
  expiresAt: string;
}

/** The signed-in user of a session token, unless it expired or the user is disabled: one statement (every signed-in request asks it). */
export async function sessionOf(db: Queryable, token: string): Promise<Session | undefined> {
  const [row] = await db.query<{ id: number; username: string; displayName: string; disabled: boolean; csrf: string; expires: string; grants: UserRecord['grants'] }>(
    `SELECT u.id, u.username, u.display_name AS "displayName", u.disabled, s.csrf_token AS csrf, s.expires_at AS expires,
       (SELECT COALESCE(json_agg(json_build_object('role', r.role, 'entityId', r.entity_id, 'region', r.region, 'entityName', e.name) ORDER BY r.id), '[]')
        FROM user_roles r LEFT JOIN entities e ON e.id = r.entity_id WHERE r.user_id = u.id) AS grants
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [sha256(token)],
    'session_of',
  );
  if (!row) return undefined;
  const grants = typeof row.grants === 'string' ? (JSON.parse(row.grants) as UserRecord['grants']) : row.grants;
  const user: UserRecord = { id: row.id, username: row.username, displayName: row.displayName, disabled: row.disabled, grants };
  return { actor: { userId: row.id, name: row.displayName, grants: grants.map(({ role, entityId, region }) => ({ role, entityId, region })) }, user, csrfToken: row.csrf, expiresAt: row.expires };
}
