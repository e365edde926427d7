/** The workspace's start: what waits for me (documents I may act on), and every document I may see. */
import { api, q, type DocumentRecord, type Page } from '../api.js';
import { money, ROLE_NAMES, SCOPE_NAMES, STATE_NAMES, dateTime } from '../format.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';
import { Show, useLoad, useTitle } from '../ui.js';

export const ACTION_NAMES: Record<string, string> = { submit: '提交审核', return: '退回', reopen: '重新编辑', withdraw: '撤回', approve: '审核通过', publish: '公开' };

function DocTable({ items, caption }: { items: DocumentRecord[]; caption: string }) {
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label="文件列表（可左右滚动）">
      <table class="plain">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">年度</th>
            <th scope="col">范围</th>
            <th scope="col">状态</th>
            <th scope="col">支出总计（万元）</th>
            <th scope="col">校验</th>
            <th scope="col">可做</th>
            <th scope="col">更新时间</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link href={`/workspace/documents/${d.id}`}>{d.entity.name}</Link>
              </th>
              <td>{d.year}</td>
              <td>{SCOPE_NAMES[d.scope]}</td>
              <td>
                <span class={`state state-${d.state}`}>{STATE_NAMES[d.state]}</span>
              </td>
              <td class="num">{money(d.total, 'wanyuan')}</td>
              <td>{d.errors ? <span class="sev-error">错误 {d.errors}</span> : '无错误'}{d.warnings ? `，警告 ${d.warnings}` : ''}</td>
              <td>{[...(d.editable ? ['编辑'] : []), ...(d.actions ?? []).map((a) => ACTION_NAMES[a] ?? a)].join('、') || '—'}</td>
              <td class="muted">{dateTime(d.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WorkspaceHome() {
  useTitle('工作台');
  const { user } = useUser();
  const docs = useLoad(() => api.get<Page<DocumentRecord>>(`/api/documents${q({ sort: 'updated', limit: 200 })}`), []);
  const preparer = user?.grants.some((g) => g.role === 'preparer');
  return (
    <main id="main" class="workspace" data-ready={docs.data ? 'workspace' : undefined}>
      <h1>工作台</h1>
      <p class="muted">
        {user?.displayName}：{user?.grants.map((g) => `${ROLE_NAMES[g.role]}${g.entityName ? `（${g.entityName}）` : g.region ? `（${g.region}）` : ''}`).join('、')}
      </p>
      <p class="tools">
        {preparer ? <Link class="button" href="/workspace/upload">上传预算文件</Link> : null}
        <Link class="button" href="/workspace/calculator">医疗救助计算器</Link>
      </p>
      <Show loaded={docs} what="文件">
        {(page) => {
          const mine = page.items.filter((d) => d.editable || d.actions?.length);
          const drafts = page.items.filter((d) => d.state !== 'published');
          return (
            <>
              <h2>待我处理（{mine.length}）</h2>
              {mine.length ? <DocTable items={mine} caption="可编辑或可流转的文件" /> : <p>目前没有需要您处理的文件。</p>}
              <h2>未公开的文件（{drafts.length}）</h2>
              <DocTable items={drafts} caption="草稿、已提交、已退回、已审核通过" />
            </>
          );
        }}
      </Show>
    </main>
  );
}
