/** A document's history: its versions, and every import, edit and transition with who, when, and the old and new values. */
import { api } from '../api.js';
import { dateTime, STATE_NAMES } from '../format.js';
import { Link } from '../router.js';
import { Show, useLoad, useTitle } from '../ui.js';
import { DocHeading, DocNav, loadForEditing, type AuditEntry } from './editor.js';
import { ACTION_NAMES } from './home.js';

interface Version {
  id: number;
  version: number;
  sourceName: string | null;
  errors: number;
  warnings: number;
  createdBy: string | null;
  createdAt: string;
}

const AUDIT_ACTIONS: Record<string, string> = { ...ACTION_NAMES, import: '导入', edit: '修改', 'create-user': '新建用户' };

function value(v: unknown): string {
  if (v === null || v === undefined) return '（空）';
  if (typeof v === 'number') return `${(v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元`;
  return String(v).length > 80 ? `${String(v).slice(0, 80)}…` : String(v);
}

function Entry({ e }: { e: AuditEntry }) {
  const changes = e.details.changes ?? [];
  return (
    <li class={`audit-${e.action}`}>
      <p>
        <strong>{AUDIT_ACTIONS[e.action] ?? e.action}</strong> · {e.actor} · <time dateTime={e.at}>{dateTime(e.at)}</time>
        {e.version ? ` · 第 ${e.version} 版` : ''}
        {e.details.from && e.details.to ? ` · ${STATE_NAMES[e.details.from] ?? e.details.from} → ${STATE_NAMES[e.details.to] ?? e.details.to}` : ''}
      </p>
      {e.details.comment ? <p class="comment">意见：{e.details.comment}</p> : null}
      {e.details.source ? <p class="muted">来源：{e.details.source}</p> : null}
      {changes.length ? (
        <details>
          <summary>改动 {changes.length} 处</summary>
          <ul class="changes">
            {changes.slice(0, 200).map((c, i) => (
              <li key={i}>
                <code>{c.path}</code>：{value(c.old)} → {value(c.new)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

export function AuditPage({ id }: { id: number }) {
  const loaded = useLoad(() => Promise.all([loadForEditing(id), api.get<{ versions: Version[] }>(`/api/documents/${id}/versions`).then((r) => r.versions)]), [id]);
  useTitle('历史与审计');
  return (
    <main id="main" class="audit-page" data-ready={loaded.data ? 'audit' : undefined}>
      <Show loaded={loaded} what="审计记录" page>
        {([{ d, doc, audit }, versions]) => (
          <>
            <DocHeading d={d} doc={doc} />
            <DocNav d={d} here="历史与审计" />
            <h2>版本</h2>
            <div class="scroll" tabIndex={0} role="region" aria-label="审计记录（可左右滚动）">
              <table class="plain">
                <thead>
                  <tr>
                    <th scope="col">版本</th>
                    <th scope="col">来源</th>
                    <th scope="col">校验</th>
                    <th scope="col">由</th>
                    <th scope="col">时间</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.id}>
                      <th scope="row">第 {v.version} 版</th>
                      <td>{v.sourceName ?? '—'}</td>
                      <td>
                        错误 {v.errors}、警告 {v.warnings}
                      </td>
                      <td>{v.createdBy ?? '系统'}</td>
                      <td>{dateTime(v.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>审计记录</h2>
            <ol class="audit">
              {[...audit].sort((a, b) => b.id - a.id).map((e) => (
                <Entry key={e.id} e={e} />
              ))}
            </ol>
            <p>
              <Link href={`/workspace/documents/${d.id}`}>回到表格</Link>
            </p>
          </>
        )}
      </Show>
    </main>
  );
}
