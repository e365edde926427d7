/**
 * `budgetbook benefit --category <类别> --inpatient <元> --outpatient <元> [--json]` and
 * `budgetbook estimate <caseload.csv> [--document <预算文件>] [--json]`: the 医疗救助 rules of
 * seed 000 as a calculator, for one person and for a programme.
 */
import { parseArgs } from 'node:util';
import { parseAmount, type Fen } from '../model/money.js';
import { BenefitError, computeBenefit, type Person } from '../projects/benefit/compute.js';
import { CaseloadError, compareWithDocument, estimateProgramme, parseCaseload } from '../projects/benefit/caseload.js';
import { benefitJson, estimateJson, formatBenefit, formatEstimate } from '../projects/benefit/report.js';
import { ruleSetSchema, SCHEMES, type RuleSet, type Scheme } from '../projects/benefit/rules.js';
import { SHANGHAI_MINHANG_2025 } from '../projects/benefit/shanghai-minhang-2025.js';
import { loadCatalogs } from './home.js';
import { readDocumentFile, readInput, UsageError, writeOut } from './io.js';

const BENEFIT_USAGE = 'budgetbook benefit --category <类别> --inpatient <元> --outpatient <元> [--deductible <元>] [--scheme 城乡居民医保|职工医保] [--premium <元> --age <岁>] [--year <年>] [--rules <规则.json>] [--json]';
const ESTIMATE_USAGE = 'budgetbook estimate <人数表.csv> [--document <预算文件>] [--year <年>] [--rules <规则.json>] [--json]';

function yuanOption(value: string | undefined, flag: string, what: string): Fen {
  if (value === undefined) return 0;
  const fen = parseAmount(value.replace(/元$/, ''), 'yuan');
  if (fen === null || fen < 0) throw new UsageError(`${flag} 的值“${value}”不是金额：请写${what}（元，最多两位小数），如 ${flag} 12000 或 12000.50`);
  return fen;
}

function intOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} 的值“${value}”不是整数`);
  return Number(value);
}

function loadRules(path: string | undefined, usage: string): RuleSet {
  if (!path) return SHANGHAI_MINHANG_2025;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(readInput(path, usage)));
  } catch (e) {
    if (e instanceof SyntaxError) throw new UsageError(`规则文件“${path}”不是有效的 JSON：${e.message}`);
    throw e;
  }
  const parsed = ruleSetSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`规则文件“${path}”不符合规则格式：字段 ${issue.path.join('.') || '(根)'}：${issue.message}（格式见 src/projects/benefit/rules.ts）`);
  }
  return parsed.data;
}

/** node:util parseArgs, with its errors said in Chinese. */
function options<R>(parse: () => R, usage: string): R {
  try {
    return parse();
  } catch (e) {
    const m = /'(--?[\w-]+)/.exec((e as Error).message);
    const code = (e as { code?: string }).code;
    const what = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `未知的选项 ${m?.[1] ?? ''}` : `选项 ${m?.[1] ?? ''} 缺少值或值有误（值以“-”开头时请写成 ${m?.[1] ?? '--选项'}=值）`;
    throw new UsageError(`${what}。用法：${usage}`);
  }
}

const sentence = (text: string) => (/[。！？]$/.test(text) ? text : `${text}。`);

/** Calculator errors are the user's input: exit 2 with what to do. */
function asUsage(e: unknown): never {
  if (e instanceof CaseloadError) throw new UsageError(`${e.line ? `第 ${e.line} 行：` : ''}${sentence(e.message)}${e.hint}`);
  if (e instanceof BenefitError) throw new UsageError(`${sentence(e.message)}${e.hint}`);
  throw e;
}

export async function benefitCommand(args: string[]): Promise<number> {
  const { values } = options(() => parseArgs({
    args,
    options: {
      category: { type: 'string' },
      inpatient: { type: 'string' },
      outpatient: { type: 'string' },
      deductible: { type: 'string' },
      scheme: { type: 'string' },
      premium: { type: 'string' },
      age: { type: 'string' },
      year: { type: 'string' },
      rules: { type: 'string' },
      json: { type: 'boolean' },
    },
  }), BENEFIT_USAGE);
  if (!values.category) throw new UsageError(`缺少 --category（救助对象类别，如 城乡低保）。用法：${BENEFIT_USAGE}`);
  if (values.scheme && !(SCHEMES as readonly string[]).includes(values.scheme)) throw new UsageError(`--scheme 的值“${values.scheme}”不可识别：请写 ${SCHEMES.join(' 或 ')}`);
  const rules = loadRules(values.rules, BENEFIT_USAGE);
  const person: Person = {
    category: values.category,
    inpatient: yuanOption(values.inpatient, '--inpatient', '一年的住院自负医疗费用'),
    outpatient: yuanOption(values.outpatient, '--outpatient', '一年的门急诊自负医疗费用（含起付线）'),
    deductible: yuanOption(values.deductible, '--deductible', '门急诊自负费用中的起付线部分'),
    premium: yuanOption(values.premium, '--premium', '城乡居民医保个人缴费'),
    ...(values.scheme ? { scheme: values.scheme as Scheme } : {}),
  };
  const age = intOption(values.age, '--age');
  const year = intOption(values.year, '--year');
  if (age !== undefined) person.age = age;
  if (year !== undefined) person.year = year;
  let result;
  try {
    result = computeBenefit(rules, person);
  } catch (e) {
    asUsage(e);
  }
  await writeOut(values.json ? JSON.stringify(benefitJson(result), null, 2) + '\n' : formatBenefit(result, rules));
  return 0;
}

export async function estimateCommand(args: string[]): Promise<number> {
  const { values, positionals } = options(() => parseArgs({ args, allowPositionals: true, options: { document: { type: 'string' }, year: { type: 'string' }, rules: { type: 'string' }, json: { type: 'boolean' } } }), ESTIMATE_USAGE);
  const file = positionals[0];
  const text = new TextDecoder().decode(readInput(file, ESTIMATE_USAGE));
  const rules = loadRules(values.rules, ESTIMATE_USAGE);
  let estimate;
  try {
    estimate = estimateProgramme(rules, parseCaseload(text), intOption(values.year, '--year'));
  } catch (e) {
    if (e instanceof CaseloadError) throw new UsageError(`${file}${e.line ? ` 第 ${e.line} 行` : ''}：${sentence(e.message)}${e.hint}`);
    asUsage(e);
  }
  const doc = values.document ? await readDocumentFile(values.document, ESTIMATE_USAGE, loadCatalogs()) : undefined;
  const comparison = doc ? compareWithDocument(rules, estimate, doc) : undefined;
  await writeOut(values.json ? JSON.stringify(estimateJson(estimate, comparison), null, 2) + '\n' : formatEstimate(estimate, rules, file!, comparison));
  return 0;
}

