/**
 * Upload a unit's file (text, PDF or XLSX): see what was read beside the original, with the
 * findings marked (the published page's own parts), then keep it as a new draft version.
 */
import { useMemo, useState } from 'preact/hooks';
import type { BudgetDocument } from '../../../src/model/document.js';
import type { Finding } from '../../../src/check/finding.js';
import { documentHtmlParts } from '../../../src/publish/html/document.js';
import { api, ApiError, q, type DocumentRecord } from '../api.js';
import { navigate } from '../router.js';
import { useUser } from '../session.js';
import { ErrorBox, useTitle } from '../ui.js';

interface ReadResult {
  document: BudgetDocument;
  findings: Finding[];
  cells: number;
}

function Original({ file, bytes }: { file: File; bytes: Uint8Array }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([bytes as BlobPart], { type: file.type || 'application/octet-stream' })), [bytes]);
  if (/\.pdf$/i.test(file.name)) return <iframe class="original-pdf" src={url} title={`原文件 ${file.name}`} />;
  if (/\.xlsx$/i.test(file.name)) return <p>Excel 工作簿（{Math.round(bytes.length / 1024)} KB）：请对照右侧读出的各表与“导入说明”；每个单元格的出处（工作表与单元格）记录在读出的文档中。</p>;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return <pre class="original-text">{text}</pre>;
}

export function UploadPage() {
  useTitle('上传预算文件');
  const { user } = useUser();
  const units = (user?.grants ?? []).filter((g) => g.role === 'preparer' && g.entityId);
  const [entity, setEntity] = useState(String(units[0]?.entityId ?? ''));
  const [file, setFile] = useState<File>();
  const [bytes, setBytes] = useState<Uint8Array>();
  const [result, setResult] = useState<ReadResult>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState('');
  const parts = useMemo(() => (result ? documentHtmlParts(result.document, { findings: result.findings }) : undefined), [result]);
  const read = async (f: File) => {
    setFile(f);
    setResult(undefined);
    setError(undefined);
    const b = new Uint8Array(await f.arrayBuffer());
    setBytes(b);
    setBusy('正在读取……');
    api.post<ReadResult>(`/api/read${q({ fileName: f.name })}`, b, { 'Content-Type': 'application/octet-stream' }).then(
      (r) => (setBusy(''), setResult(r)),
      (e: ApiError) => (setBusy(''), setError(e)),
    );
  };
  const keep = () => {
    setBusy('正在保存……');
    api.post<{ status: string; document: DocumentRecord }>(`/api/documents${q({ entity, fileName: file!.name })}`, bytes, { 'Content-Type': 'application/octet-stream' }).then(
      (r) => navigate(`/workspace/documents/${r.document.id}`),
      (e: ApiError) => (setBusy(''), setError(e)),
    );
  };
  const count = (s: string) => result?.findings.filter((f) => f.severity === s).length ?? 0;
  return (
    <main id="main" class="upload-page" data-ready="upload">
      <h1>上传预算文件</h1>
      <p>可上传文本（含由 PDF 转出的文字）、带文字层的 PDF 或 Excel（XLSX）。先看读出的结果，确认后保存为草稿的新版本。</p>
      <form class="upload-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          单位{' '}
          <select value={entity} onChange={(e) => setEntity((e.target as HTMLSelectElement).value)}>
            {units.map((g) => (
              <option key={g.entityId!} value={g.entityId!}>
                {g.entityName}
              </option>
            ))}
          </select>
        </label>
        <label>
          文件 <input type="file" accept=".txt,.md,.pdf,.xlsx,.json,text/plain,application/pdf" onChange={(e) => (e.target as HTMLInputElement).files?.[0] && void read((e.target as HTMLInputElement).files![0]!)} />
        </label>
      </form>
      {busy ? <p role="status">{busy}</p> : null}
      {error ? <ErrorBox error={error} /> : null}
      {result && parts ? (
        <>
          <div class="read-summary" role="status">
            读出 {result.document.tables.length} 张表、{result.cells} 个单元格、说明 {result.document.narrative.sections.length} 部分；校验：错误 {count('error')} 条、警告 {count('warning')} 条、提示 {count('info')} 条。
            {units.length ? (
              <button type="button" class="primary" disabled={!!busy} onClick={keep}>
                保存为草稿
              </button>
            ) : (
              <span>您不是任何单位的编制人，不能保存。</span>
            )}
          </div>
          <div class="side-by-side">
            <section aria-labelledby="h-orig">
              <h2 id="h-orig">原文件：{file?.name}</h2>
              {file && bytes ? <Original file={file} bytes={bytes} /> : null}
            </section>
            <section aria-labelledby="h-read" class="doc">
              <h2 id="h-read">读出的内容</h2>
              <div dangerouslySetInnerHTML={{ __html: parts.tables + parts.findings }} />
            </section>
          </div>
        </>
      ) : null}
    </main>
  );
}
