/**
 * The 公开情况检查表 as a reviewer edits it in the workspace (pure: the server stores it per
 * version, the browser edits it): each item 是/否 (ticked = 符合要求), each problem kept in the
 * comment or left out (ticked), its words as the reviewer rewrote them, and remarks the reviewer
 * added. The comment sent back with the document is `editableFormText`.
 */
import { z } from 'zod';
import type { ReviewForm } from './form.js';

const text = (max: number) => z.string().max(max);

export const editableProblemSchema = z.object({
  key: text(40).describe('问题的标识（同一检查表内唯一）'),
  text: text(2000).describe('问题的文字（审核人可改写）'),
  ticked: z.boolean().describe('是否列入退回意见'),
  ordinal: z.number().int().min(0).optional().describe('对应的校验发现（该版本发现的序号，从 0 起）；审核人添加的意见没有'),
  rule: text(80).optional(),
  severity: z.enum(['error', 'warning', 'info']).optional(),
  page: z.number().int().positive().optional().describe('原文件页码'),
  crop: z.boolean().optional().describe('有原页截图'),
  original: text(2000).optional().describe('自动填写的文字（改写后仍保留，供对照）'),
});

export const editableRowSchema = z.object({
  id: text(40),
  group: text(20),
  name: text(100),
  ok: z.enum(['是', '否', '待核']),
  problems: z.array(editableProblemSchema).max(500),
});

export const editableFormSchema = z.object({
  title: text(200),
  entityLabel: z.enum(['部门名称', '单位名称']),
  entity: text(200),
  url: text(500).optional(),
  rows: z.array(editableRowSchema).max(40),
  remarks: text(4000).optional().describe('其他意见'),
  sourceNote: text(400).optional().describe('截图取自哪个文件（或为何没有截图）'),
});

export type EditableProblem = z.infer<typeof editableProblemSchema>;
export type EditableRow = z.infer<typeof editableRowSchema>;
export type EditableForm = z.infer<typeof editableFormSchema>;

/**
 * The form filled in from the findings, ready to edit: every problem ticked, its finding's
 * ordinal among `findings` (the version's findings, in stored order), and whether a crop exists.
 */
export function editableForm(form: ReviewForm, findings: readonly unknown[], crops: ReadonlySet<number> = new Set()): EditableForm {
  return {
    title: form.title,
    entityLabel: form.entityLabel,
    entity: form.entity,
    ...(form.url ? { url: form.url } : {}),
    rows: form.rows.map((r) => ({
      id: r.item.id,
      group: r.item.group,
      name: r.name,
      ok: r.ok,
      problems: r.problems.map((p, i) => {
        const ordinal = findings.indexOf(p.finding);
        const page = p.finding.location.page;
        return {
          key: `${r.item.id}-${i + 1}`,
          text: p.text,
          original: p.text,
          ticked: true,
          ...(ordinal >= 0 ? { ordinal } : {}),
          rule: p.finding.rule,
          severity: p.finding.severity,
          ...(page !== undefined ? { page } : {}),
          ...(ordinal >= 0 && crops.has(ordinal) ? { crop: true } : {}),
        };
      }),
    })),
  };
}

/** The form as the comment sent back: every item with 是/否 and its ticked problems numbered, then the other remarks. */
export function editableFormText(form: EditableForm): string {
  const lines = [form.title, `${form.entityLabel}：${form.entity}`, `公开网址：${form.url ?? ''}`, ''];
  for (const r of form.rows) {
    lines.push(`${r.group} · ${r.name}：${r.ok}`);
    r.problems
      .filter((p) => p.ticked && p.text.trim())
      .forEach((p, i) => lines.push(`  ${i + 1}. ${p.text.trim()}`));
  }
  if (form.remarks?.trim()) lines.push('', `其他意见：${form.remarks.trim()}`);
  return lines.join('\n') + '\n';
}

/** Problems ticked to go back, over the whole form. */
export const tickedCount = (form: EditableForm): number => form.rows.reduce((n, r) => n + r.problems.filter((p) => p.ticked && p.text.trim()).length, 0);
