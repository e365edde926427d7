/**
 * The login throttle: how many attempts a name, an address and an account may make in a window.
 * The counters are in the store (store/throttle.ts); each attempt takes its slot there before the
 * password is verified, so a burst of parallel guesses gets no more than the limits allow:
 *   - a name from one address: 5 per 15 minutes (a user who mistypes);
 *   - one address, whatever names: 30 (one machine trying many names);
 *   - one account, from all addresses together: 20 (many machines, one account).
 * A successful login gives its slot back and clears its name-and-address counter. The account
 * limit means that a flood of wrong passwords from anywhere locks that account for the rest of the
 * window (429 with Retry-After), which is the price of making distributed guessing useless.
 */
import type { Queryable } from '../store/db.js';
import { clearAttempts, refundAttempt, takeAttempt } from '../store/throttle.js';

export interface LoginLimits {
  /** Attempts per name from one address. */
  perNameAndAddress: number;
  /** Attempts per address, all names. */
  perAddress: number;
  /** Attempts per name, all addresses. */
  perAccount: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perNameAndAddress: 5, perAddress: 30, perAccount: 20, windowSeconds: 15 * 60 };

/** A name's keys: user names are compared as stored, so the key is the name as typed. */
function keys(address: string, name: string): { pair: string; address: string; account: string } {
  return { pair: `pair|${address}|${name}`, address: `address|${address}`, account: `account|${name}` };
}

export class LoginThrottle {
  constructor(readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /**
   * Takes one attempt for the name from the address. Returns 0 when it may go on (and be
   * verified), or the seconds to wait when any of its limits is spent.
   */
  async take(db: Queryable, address: string, name: string): Promise<number> {
    const k = keys(address, name);
    const max: Record<string, number> = { [k.pair]: this.limits.perNameAndAddress, [k.address]: this.limits.perAddress, [k.account]: this.limits.perAccount };
    const taken = await takeAttempt(db, [k.pair, k.address, k.account], this.limits.windowSeconds);
    const over = taken.filter((t) => t.attempts > max[t.key]!);
    return over.length ? Math.max(...over.map((t) => t.wait)) : 0;
  }

  /** After a successful login: the attempt does not count, and the name may start afresh from this address. */
  async succeeded(db: Queryable, address: string, name: string): Promise<void> {
    const k = keys(address, name);
    await refundAttempt(db, [k.address, k.account]);
    await clearAttempts(db, [k.pair]);
  }
}
