/** Passwords: argon2id (memory-hard), PHC strings with their own salt and parameters. */
import { Algorithm, hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id });
}

/** A hash to verify against when the user does not exist, so that both take the same time. */
let dummy: Promise<string> | undefined;

export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  dummy ??= hashPassword('budgetbook-no-such-user');
  try {
    return await verify(stored ?? (await dummy), password);
  } catch {
    return false;
  }
}
