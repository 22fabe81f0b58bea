import type { Schema } from "./schema.js";

/**
 * One field of a STRUCT schema: its name, its position and its schema. Fields are immutable.
 */
export class Field {
  /** The field's name, unique within its struct. */
  readonly name: string;
  /** The field's zero-based position in its struct. */
  readonly index: number;
  /** The schema of the field's values. */
  readonly schema: Schema;

  constructor(name: string, index: number, schema: Schema) {
    this.name = name;
    this.index = index;
    this.schema = schema;
    Object.freeze(this);
  }

  /** True when `other` has the same name, index and an equal schema. */
  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!(other instanceof Field)) return false;
    return this.name === other.name && this.index === other.index && this.schema.equals(other.schema);
  }

  toString(): string {
    return `Field{name=${this.name}, index=${this.index}, schema=${this.schema.toString()}}`;
  }
}
