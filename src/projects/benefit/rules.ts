/**
 * The declarative form of a transfer programme's rules: who is covered (categories, with the
 * names the rules use), and layers of benefit, each a ratio of what is still self-paid in some
 * cost pools, with an annual cap, tied to the policy document that states it, the year it takes
 * effect and the sentence it rests on. A reading of an ambiguous sentence is written beside it.
 * The calculator (compute.ts) interprets these; it knows no category by name.
 */
import { z } from 'zod';

/** 住院自负 / 门急诊起付线 / 门急诊自负（起付线以外）: the self-paid costs a benefit is a share of. */
export const POOLS = ['inpatient', 'deductible', 'outpatient'] as const;
export type Pool = (typeof POOLS)[number];
export const POOL_NAMES: Record<Pool, string> = { inpatient: '住院自负费用', deductible: '门急诊起付线费用', outpatient: '门急诊自负费用（起付线以外）' };

export const LEVELS = ['city', 'district'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<Level, string> = { city: '市级', district: '区级' };

export const SCHEMES = ['城乡居民医保', '职工医保'] as const;
export type Scheme = (typeof SCHEMES)[number];

const yuan = z.string().regex(/^\d+(\.\d{1,2})?$/).describe('金额，单位：元');

const sourced = {
  document: z.string().optional().describe('文号，如“沪医保规〔2020〕4号”'),
  effective: z.number().int().describe('施行年份'),
  sentence: z.string().describe('规则所据的原文'),
  reading: z.string().optional().describe('原文有歧义时采用的理解'),
};

export const categorySchema = z.object({
  name: z.string().describe('类别名称，如“城乡低保”'),
  description: z.string(),
  aliases: z.array(z.string()),
  sameAs: z.string().optional().describe('参照执行的类别'),
  sentence: z.string().optional(),
  unstated: z.string().optional().describe('文中列为救助对象但未写明标准时：原文'),
});

export const benefitSchema = z.object({
  id: z.string(),
  title: z.string(),
  level: z.enum(LEVELS),
  categories: z.array(z.string()).describe('适用类别；“*”为所有救助对象'),
  scheme: z.array(z.enum(SCHEMES)).optional().describe('只适用于参加这些医保的人'),
  pools: z.array(z.enum(POOLS)).min(1).describe('按这些费用中尚未救助的部分计算'),
  percent: z.number().int().min(0).max(100),
  cap: yuan.optional().describe('全年最高救助限额（元）；不设限额时不出现'),
  capName: z.string().optional().describe('限额的称呼，默认“全年最高救助限额”'),
  capNote: z.string().optional().describe('不设限额时的说明，默认“不设年度救助限额”'),
  ...sourced,
});

export const premiumSchema = z.object({
  id: z.string(),
  title: z.string(),
  level: z.enum(LEVELS),
  categories: z.array(z.string()),
  minAge: z.number().int().optional(),
  personPays: yuan.optional().describe('个人缴纳的定额（元）；全额资助时不出现'),
  ...sourced,
});

export const fundingSchema = z.object({
  levels: z.array(z.enum(LEVELS)),
  shares: z.array(z.object({ payer: z.string(), parts: z.number().int().positive() })).min(1),
  ...sourced,
});

export const ruleSetSchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  region: z.string(),
  years: z.object({ from: z.number().int(), to: z.number().int() }).describe('规则集写明的适用年度'),
  source: z.object({ document: z.string(), section: z.string() }).describe('规则摘自的预算文件及部分'),
  rounding: z.string().describe('金额取舍'),
  programme: z.object({ projectName: z.string(), subject: z.string().regex(/^\d{7}$/), payer: z.string().describe('预算文件所属的出资方，如“区财政”') }).describe('对应的项目（名称所含文字）、科目与出资方'),
  categories: z.array(categorySchema),
  benefits: z.array(benefitSchema).describe('按顺序逐层计算'),
  premiums: z.array(premiumSchema),
  funding: z.array(fundingSchema),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type BenefitRule = z.infer<typeof benefitSchema>;
export type PremiumRule = z.infer<typeof premiumSchema>;
export type Category = z.infer<typeof categorySchema>;
