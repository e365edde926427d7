export async function generateCommand(): Promise<number> {
  throw new Error('generate: 尚未实现');
}
