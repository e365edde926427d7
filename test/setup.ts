/**
 * Property tests are deterministic: fast-check runs from a fixed seed unless FC_SEED names
 * another (FC_SEED=random picks one and prints it, to look for new counterexamples).
 */
import fc from 'fast-check';

const given = process.env.FC_SEED;
const seed = given === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(given ?? 20261201);
if (given === 'random') console.log(`fast-check seed: ${seed}`);
fc.configureGlobal({ seed });
