/** Building a statement with its parameters: every value becomes $n, never text in the SQL. */
export class Params {
  readonly values: unknown[] = [];

  /** The placeholder of a value ("$3"). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
