/** The 医疗救助 calculator: one person's year, step by step, from the rules as data (src/projects/benefit). */
import './jitless.js';
import { useMemo, useState } from 'preact/hooks';
import { BenefitError, computeBenefit, type Person } from '../../../src/projects/benefit/compute.js';
import { SHANGHAI_MINHANG_2025 as RULES } from '../../../src/projects/benefit/shanghai-minhang-2025.js';
import { SCHEMES, type Scheme } from '../../../src/projects/benefit/rules.js';
import { parseAmount } from '../../../src/model/money.js';
import { money } from '../format.js';
import { useTitle } from '../ui.js';

export function CalculatorPage() {
  useTitle('医疗救助计算器');
  const [form, setForm] = useState({ category: RULES.categories[1]?.name ?? '', scheme: SCHEMES[0] as Scheme, inpatient: '200000', outpatient: '5000', deductible: '500', premium: '', age: '' });
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const outcome = useMemo(() => {
    const fen = (s: string, what: string) => {
      const v = parseAmount(s.trim() || '0', 'yuan');
      if (v === null) throw new BenefitError(`${what}“${s}”不是金额`, '请输入以元为单位的数，最多两位小数。');
      return v;
    };
    try {
      const p: Person = { category: form.category, scheme: form.scheme, inpatient: fen(form.inpatient, '住院自负费用'), outpatient: fen(form.outpatient, '门急诊自负费用'), deductible: fen(form.deductible, '其中起付线') };
      if (form.premium.trim()) p.premium = fen(form.premium, '个人缴费');
      if (form.age.trim()) p.age = Number(form.age);
      return { result: computeBenefit(RULES, p) };
    } catch (e) {
      return { error: e as BenefitError };
    }
  }, [form]);
  const r = outcome.result;
  return (
    <main id="main" class="calculator" data-ready="calculator">
      <h1>医疗救助计算器</h1>
      <p class="muted">
        规则：{RULES.title}（{RULES.version}）。每一步按分四舍五入，注明所据文件。
      </p>
      <form class="calc-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          救助对象类别
          <select value={form.category} onChange={set('category')}>
            {RULES.categories.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          参保
          <select value={form.scheme} onChange={set('scheme')}>
            {SCHEMES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          住院自负费用（元）
          <input inputMode="decimal" value={form.inpatient} onInput={set('inpatient')} />
        </label>
        <label>
          门急诊自负费用（元）
          <input inputMode="decimal" value={form.outpatient} onInput={set('outpatient')} />
        </label>
        <label>
          其中门急诊起付线（元）
          <input inputMode="decimal" value={form.deductible} onInput={set('deductible')} />
        </label>
        <label>
          居保个人缴费（元，资助参保）
          <input inputMode="decimal" value={form.premium} onInput={set('premium')} />
        </label>
        <label>
          年龄（岁）
          <input inputMode="numeric" value={form.age} onInput={set('age')} />
        </label>
      </form>
      <section aria-live="polite" aria-labelledby="h-result">
        <h2 id="h-result">计算结果</h2>
        {outcome.error ? (
          <div class="error-box" role="alert">
            <strong>{outcome.error.message}</strong>
            {outcome.error.hint ? <p>{outcome.error.hint}</p> : null}
          </div>
        ) : r ? (
          <>
            <p class="grand">
              合计救助 <strong>{money(r.total, 'yuan')} 元</strong>
              {r.appliedAs ? `（参照${r.appliedAs}执行）` : ''}；个人仍需负担 {money(r.remaining, 'yuan')} 元。
            </p>
            <ol class="steps">
              {r.steps.map((s, i) => (
                <li key={i}>
                  <strong>{s.title}</strong>：{s.explanation}
                  {s.document ? <span class="muted">（{s.document}）</span> : null}
                </li>
              ))}
            </ol>
            <p>资金来源：{r.funding.map((f) => `${f.payer} ${money(f.amount, 'yuan')} 元`).join('，')}</p>
            {r.notes.length ? (
              <ul class="muted">
                {r.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </section>
    </main>
  );
}
