/**
 * The workflow of a budget document and who may do what, as data. Pure: the store applies it
 * inside a transaction (on the locked row), the server and the web app ask it what to offer.
 *
 *   draft ──submit──► submitted ──approve──► approved ──publish──► published
 *     ▲  ▲                │
 *     │  └───withdraw────┤  (the preparer takes back a submission nobody has reviewed yet)
 *     └──reopen── returned ◄──return──┘
 *
 * A department's document is submitted only once all its units' documents of that year are
 * approved (UNITS_BEFORE): approving it sums them, so the bureau would find out otherwise.
 *
 * 编制人 (preparer) prepares and submits their unit's documents; 审核人 (reviewer) of a department
 * returns or approves its units' documents; 财政局 (bureau) returns or approves departments'
 * documents (and units that belong to no department) and publishes; 公众 reads what is published.
 */
import { allowed } from './access.js';

export const STATES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type State = (typeof STATES)[number];
export const STATE_NAMES: Record<State, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', approved: '已审核通过', published: '已公开' };

export const ROLES = ['preparer', 'reviewer', 'bureau', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_NAMES: Record<Role | 'public', string> = { preparer: '编制人', reviewer: '审核人', bureau: '财政局', admin: '管理员', public: '公众' };

/** A role a user holds: 编制人 of a unit, 审核人 of a department, 财政局 of a region (or all). */
export interface Grant {
  role: Role;
  entityId?: number | null;
  region?: string | null;
}

export interface Actor {
  userId: number | null;
  name: string;
  grants: Grant[];
}

export const PUBLIC: Actor = { userId: null, name: '公众', grants: [] };
/** Who does what the command line does (import, demo set-up). */
export const SYSTEM: Actor = { userId: null, name: '系统（命令行）', grants: [{ role: 'bureau' }] };

/** What the rules need to know of a document. */
export interface DocumentRef {
  entityId: number;
  /** The department the entity belongs to, if any. */
  parentId: number | null;
  region: string;
  scope: 'department' | 'unit';
  state: State;
  /** A department's units' documents of the same year and kind, when the rules need them (UNITS_BEFORE). */
  units?: UnitState[];
}

export interface UnitState {
  name: string;
  state: State;
}

type Who = 'preparer' | 'approver' | 'bureau';

export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', who: 'preparer', name: '提交' },
  return: { from: ['submitted'], to: 'returned', who: 'approver', name: '退回' },
  reopen: { from: ['returned'], to: 'draft', who: 'preparer', name: '重新编辑' },
  withdraw: { from: ['submitted'], to: 'draft', who: 'preparer', name: '撤回' },
  approve: { from: ['submitted'], to: 'approved', who: 'approver', name: '审核通过' },
  publish: { from: ['approved'], to: 'published', who: 'bureau', name: '公开' },
} as const satisfies Record<string, { from: readonly State[]; to: State; who: Who; name: string }>;
export type Transition = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as Transition[];

/** The states a department's units' documents must be in before the department's document may take the transition. */
export const UNITS_BEFORE: Partial<Record<Transition, readonly State[]>> = { submit: ['approved', 'published'] };

/** Why a department's document cannot take the transition yet because of its units, in Chinese; undefined when it can. */
export function unitsRefusal(t: Transition, units: readonly UnitState[]): string | undefined {
  const need = UNITS_BEFORE[t];
  if (!need) return undefined;
  const pending = units.filter((u) => !need.includes(u.state));
  if (!pending.length) return undefined;
  return `下属单位的预算还没有全部审核通过，部门预算不能${TRANSITIONS[t].name}：${pending.map((u) => `${u.name}（${STATE_NAMES[u.state]}）`).join('、')}。请各单位先提交，由本部门审核人审核通过后再${TRANSITIONS[t].name}（审核部门预算时将汇总各单位的预算）。`;
}

const isBureauOf = (a: Actor, d: DocumentRef) => a.grants.some((g) => g.role === 'bureau' && (!g.region || g.region === d.region));
const isPreparerOf = (a: Actor, d: DocumentRef) => a.grants.some((g) => g.role === 'preparer' && g.entityId === d.entityId);

/** A unit's document is approved by its department's reviewer; a department's (or a lone unit's) by the bureau. */
function isApproverOf(a: Actor, d: DocumentRef): boolean {
  if (d.scope === 'unit' && d.parentId !== null) return a.grants.some((g) => g.role === 'reviewer' && g.entityId === d.parentId) || isBureauOf(a, d);
  return isBureauOf(a, d);
}

const WHO: Record<Who, (a: Actor, d: DocumentRef) => boolean> = { preparer: isPreparerOf, approver: isApproverOf, bureau: isBureauOf };

/** Whether the actor may see the document at all (its published version, or the unpublished one): the matrix of access.ts. */
export function canRead(a: Actor, d: DocumentRef): boolean {
  return allowed(a, d, d.state === 'published' ? 'read-published' : 'read-unpublished');
}

/** Whether the actor prepares this document's entity (may edit it while it is a draft). */
export function isPreparer(a: Actor, d: DocumentRef): boolean {
  return allowed(a, d, 'edit');
}

export function canEdit(a: Actor, d: DocumentRef): boolean {
  return d.state === 'draft' && allowed(a, d, 'edit');
}

/** Whether the actor holds the role the transition needs (the state is checked apart). */
export function mayTransition(a: Actor, d: DocumentRef, t: Transition): boolean {
  return WHO[TRANSITIONS[t].who](a, d);
}

/** Why a transition cannot happen now, in Chinese; undefined when it can. */
export function transitionRefusal(a: Actor, d: DocumentRef, t: Transition): { status: 403 | 409; message: string } | undefined {
  const spec = TRANSITIONS[t];
  if (!mayTransition(a, d, t)) {
    const who = spec.who === 'preparer' ? '本单位的编制人' : spec.who === 'bureau' ? '财政局' : d.scope === 'unit' && d.parentId !== null ? '主管部门的审核人或财政局' : '财政局';
    return { status: 403, message: `无权“${spec.name}”此文件：只有${who}可以${spec.name}` };
  }
  if (!(spec.from as readonly State[]).includes(d.state)) {
    return { status: 409, message: `文件当前为“${STATE_NAMES[d.state]}”，不能“${spec.name}”（只有${spec.from.map((s) => `“${STATE_NAMES[s]}”`).join('、')}的文件可以）` };
  }
  if (d.scope === 'department' && d.units) {
    const units = unitsRefusal(t, d.units);
    if (units) return { status: 409, message: units };
  }
  return undefined;
}

/** The transitions this actor may take on the document now (what a web page offers). */
export function availableTransitions(a: Actor, d: DocumentRef): Transition[] {
  return TRANSITION_NAMES.filter((t) => !transitionRefusal(a, d, t));
}
