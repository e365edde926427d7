/** A small seeded PRNG (mulberry32): the same seed gives the same budget everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** k distinct items, in their original order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const idx = items.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx
      .slice(0, Math.min(k, items.length))
      .sort((a, b) => a - b)
      .map((i) => items[i]!);
  }

  /** An amount in 分: whole 元 mostly, sometimes with 角分, between min and max 元. */
  amount(minYuan: number, maxYuan: number): number {
    const yuan = this.int(minYuan, maxYuan);
    return yuan * 100 + (this.chance(0.3) ? this.int(1, 99) : 0);
  }

  /** Splits a total (分) into n positive parts that add up to it exactly. */
  split(total: number, n: number, step = 1): number[] {
    if (n <= 1) return [total];
    const units = Math.floor(total / step);
    const weights = Array.from({ length: n }, () => 0.2 + this.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    const parts = weights.map((w) => Math.max(1, Math.floor((units * w) / sum)) * step);
    const diff = total - parts.reduce((a, b) => a + b, 0);
    parts[parts.length - 1]! += diff;
    if (parts.some((p) => p <= 0)) return [total];
    return parts;
  }
}
