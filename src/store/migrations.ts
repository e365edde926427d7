/**
 * The store's schema, one migration after another; each runs once, in its own transaction, in
 * order. Never edit a migration that has shipped: add the next one. The SQL runs on PostgreSQL
 * 15 (the server) and on PGlite (PostgreSQL 18): nothing newer than 15.
 * Keys compared bytewise (科目 codes, row and column keys) are COLLATE "C", so that ordering and
 * prefix LIKE behave alike on both.
 */
import type { Db } from './db.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'entities, documents, versions, cells, narrative, findings, users, roles, sessions, audit log',
    sql: `
CREATE TABLE entities (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('department', 'unit')),
  name text NOT NULL,
  code text,
  region text NOT NULL,
  level text NOT NULL,
  parent_id bigint REFERENCES entities (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region, name)
);
CREATE INDEX entities_parent ON entities (parent_id);

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('preparer', 'reviewer', 'bureau', 'admin')),
  entity_id bigint REFERENCES entities (id),
  region text,
  CHECK ((role IN ('preparer', 'reviewer')) = (entity_id IS NOT NULL))
);
CREATE INDEX user_roles_user ON user_roles (user_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  entity_id bigint NOT NULL REFERENCES entities (id),
  year int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('budget', 'final')),
  scope text NOT NULL CHECK (scope IN ('department', 'unit')),
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'published')),
  revision int NOT NULL DEFAULT 0,
  current_version_id bigint,
  published_version_id bigint,
  total bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  UNIQUE (entity_id, year, kind)
);
CREATE INDEX documents_year ON documents (year, state);

CREATE TABLE document_versions (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id),
  version int NOT NULL,
  content_hash text NOT NULL,
  body text NOT NULL,
  source_name text,
  errors int NOT NULL DEFAULT 0,
  warnings int NOT NULL DEFAULT 0,
  infos int NOT NULL DEFAULT 0,
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, version)
);
-- The JSON is kept out of line but not compressed: compressing it cost more than a third of an
-- import's time (bench/store.ts), and a city's versions are tens of MB either way.
ALTER TABLE document_versions ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE documents ADD FOREIGN KEY (current_version_id) REFERENCES document_versions (id);
CREATE INDEX documents_current_version ON documents (current_version_id);
ALTER TABLE documents ADD FOREIGN KEY (published_version_id) REFERENCES document_versions (id);

-- cells and narrative are written only with their version, in its transaction (versions.ts);
-- no foreign key, whose per-row check would cost more than the rows themselves.
CREATE TABLE cells (
  version_id bigint NOT NULL,
  table_id text COLLATE "C" NOT NULL,
  row_key text COLLATE "C" NOT NULL,
  column_key text COLLATE "C" NOT NULL,
  amount bigint NOT NULL,
  PRIMARY KEY (version_id, table_id, row_key, column_key)
);

CREATE TABLE narrative (
  version_id bigint NOT NULL,
  section int NOT NULL,
  paragraph int NOT NULL,
  kind text NOT NULL,
  heading text NOT NULL,
  text text NOT NULL,
  terms tsvector NOT NULL,
  PRIMARY KEY (version_id, section, paragraph)
);
CREATE INDEX narrative_terms ON narrative USING gin (terms);

CREATE TABLE findings (
  version_id bigint NOT NULL REFERENCES document_versions (id),
  ordinal int NOT NULL,
  rule text NOT NULL,
  family text NOT NULL,
  severity text NOT NULL,
  message text NOT NULL,
  location jsonb NOT NULL,
  expected text,
  actual text,
  unit text,
  PRIMARY KEY (version_id, ordinal)
);

CREATE TABLE published_files (
  version_id bigint NOT NULL REFERENCES document_versions (id),
  format text NOT NULL,
  media_type text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version_id, format)
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  user_id bigint REFERENCES users (id),
  actor text NOT NULL,
  action text NOT NULL,
  document_id bigint REFERENCES documents (id),
  entity_id bigint REFERENCES entities (id),
  version int,
  revision int,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_document ON audit_log (document_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除（%）', TG_OP;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
  },
  {
    id: 2,
    name: 'login attempt counters (throttling that holds under concurrency)',
    sql: `
-- One row per throttled key (the SHA-256 of "pair|address|name", "address|…" or "account|…"), counted in
-- a fixed window. Each attempt takes a slot with one INSERT … ON CONFLICT DO UPDATE … RETURNING
-- before the password is verified (store/throttle.ts), so parallel attempts cannot all pass.
CREATE TABLE login_attempts (
  key text PRIMARY KEY,
  attempts int NOT NULL,
  window_start timestamptz NOT NULL
);
CREATE INDEX login_attempts_window ON login_attempts (window_start);
CREATE INDEX sessions_expires ON sessions (expires_at);
`,
  },
  {
    id: 3,
    name: 'review forms: the uploaded file of a version, the bureau\'s form per version, its page crops',
    sql: `
-- The file a version was uploaded from (the server's upload), so the reviewer sees the real page.
CREATE TABLE version_sources (
  version_id bigint PRIMARY KEY REFERENCES document_versions (id),
  name text NOT NULL,
  bytes bytea NOT NULL
);
ALTER TABLE version_sources ALTER COLUMN bytes SET STORAGE EXTERNAL;
-- The 公开情况检查表 of a version, as filled in from its findings and as the reviewer edited it.
CREATE TABLE review_forms (
  version_id bigint PRIMARY KEY REFERENCES document_versions (id),
  form jsonb NOT NULL,
  revision int NOT NULL DEFAULT 0,
  updated_by bigint REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A crop of the page around a finding (its ordinal in the version's findings), PNG.
CREATE TABLE review_crops (
  version_id bigint NOT NULL REFERENCES document_versions (id),
  ordinal int NOT NULL,
  png bytea NOT NULL,
  PRIMARY KEY (version_id, ordinal)
);
`,
  },
  {
    id: 4,
    name: 'claim_documents: a batch of imported documents claimed in one call (bulk.ts)',
    sql: `
-- For each document of a batch, in order, what storing it alone does first (import.ts): its entity
-- upserted, a department's member units made its children, its document row made when new (and
-- locked); and the row with its current version's hash. One call per batch instead of one
-- statement per document, the statements planned once per connection. Units of document i: the
-- slice unit_from[i] .. unit_to[i] of unit_names and unit_codes. An entity row is updated (and
-- locked) only when its values change, not when a later year names it again: batches on two
-- connections naming the same departments and units do not wait for each other then.
CREATE FUNCTION claim_documents(scopes text[], names text[], codes text[], regions text[], levels text[], years int[], kinds text[],
  unit_from int[], unit_to int[], unit_names text[], unit_codes text[])
RETURNS TABLE (claim_id bigint, claim_entity bigint, claim_state text, claim_inserted boolean, claim_hash text, claim_version int)
LANGUAGE plpgsql AS $$
DECLARE
  e bigint;
BEGIN
  FOR i IN 1 .. coalesce(array_length(names, 1), 0) LOOP
    INSERT INTO entities AS t (kind, name, code, region, level) VALUES (scopes[i], names[i], codes[i], regions[i], levels[i])
    ON CONFLICT (region, name) DO NOTHING
    RETURNING t.id INTO e;
    IF e IS NULL THEN
      UPDATE entities t SET code = COALESCE(t.code, codes[i]), kind = scopes[i]
      WHERE t.region = regions[i] AND t.name = names[i] AND (t.kind <> scopes[i] OR (t.code IS NULL AND codes[i] IS NOT NULL))
      RETURNING t.id INTO e;
      IF e IS NULL THEN
        SELECT t.id INTO e FROM entities t WHERE t.region = regions[i] AND t.name = names[i];
      END IF;
    END IF;
    IF unit_to[i] >= unit_from[i] THEN
      -- A unit named twice: refused as the statement of import.ts refuses it (the batch is then stored document by document).
      IF (SELECT count(DISTINCT n) <> count(*) FROM unnest(unit_names[unit_from[i]:unit_to[i]]) AS u(n)) THEN
        RAISE EXCEPTION 'ON CONFLICT DO UPDATE command cannot affect row a second time' USING ERRCODE = '21000';
      END IF;
      INSERT INTO entities AS t (kind, name, code, region, level, parent_id)
      SELECT 'unit', n, c, regions[i], levels[i], e FROM unnest(unit_names[unit_from[i]:unit_to[i]], unit_codes[unit_from[i]:unit_to[i]]) AS u(n, c)
      ON CONFLICT (region, name) DO NOTHING;
      UPDATE entities t SET parent_id = e, code = COALESCE(t.code, u.c)
      FROM unnest(unit_names[unit_from[i]:unit_to[i]], unit_codes[unit_from[i]:unit_to[i]]) AS u(n, c)
      WHERE t.region = regions[i] AND t.name = u.n AND t.kind = 'unit' AND (t.parent_id IS DISTINCT FROM e OR (t.code IS NULL AND u.c IS NOT NULL));
    END IF;
    RETURN QUERY
    WITH d AS (
      INSERT INTO documents AS t (entity_id, year, kind, scope) VALUES (e, years[i], kinds[i], scopes[i])
      ON CONFLICT (entity_id, year, kind) DO UPDATE SET entity_id = EXCLUDED.entity_id
      RETURNING t.id, t.entity_id, t.state, t.current_version_id, (t.xmax = 0) AS inserted
    )
    SELECT d.id, d.entity_id, d.state, d.inserted, v.content_hash, v.version FROM d LEFT JOIN document_versions v ON v.id = d.current_version_id;
  END LOOP;
END
$$;
`,
  },
];

/** Brings the schema up to date; concurrent callers wait on one advisory lock. */
export async function migrate(db: Db): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7700770077)');
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id]);
      if (rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}
