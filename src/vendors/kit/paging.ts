/**
 * Edge cursors keep the texts adapters have always issued (`17`, `206:49`, `<posting id>/<interview
 * id>`), since the gateway's cursors wrap them and clients keep those across deploys. A cursor the
 * codec did not write is BAD_USER_INPUT, without a call.
 */
import { BadUserInputError } from '../../errors/bad-user-input.error';

/** How one part of a cursor is written, and read back (null: no value this part can hold). */
export interface CursorPart<T> {
  write(value: T): string;
  read(text: string): T | null;
}

/** A 0-based position in a list, in decimal: at most `digits` digits. */
export function offsetPart(digits = 9): CursorPart<number> {
  const pattern = new RegExp(`^\\d{1,${digits}}$`);
  return { write: String, read: (text) => (pattern.test(text) ? Number(text) : null) };
}

/** An id, as `read` parses it (null for text that cannot be one) and `write` spells it. */
export function idPart<T = string>(read: (text: string) => T | null, write: (value: T) => string = String): CursorPart<T> {
  return { write, read };
}

export interface EdgeCursorCodec<T extends object> {
  encode(position: T): string;
  /** The position `cursor` names; BAD_USER_INPUT for any text `encode` does not write. */
  decode(cursor: string): T;
}

/** `parts` are written in the object's key order. */
export function edgeCursor<T extends object>(
  options: { invalid: string; separator?: string },
  parts: { [K in keyof T]: CursorPart<T[K]> },
): EdgeCursorCodec<T> {
  const separator = options.separator ?? ':';
  const keys = Object.keys(parts) as Array<keyof T>;
  return {
    encode: (position) => keys.map((key) => parts[key].write(position[key])).join(separator),
    decode(cursor) {
      const texts = typeof cursor === 'string' ? cursor.split(separator) : [];
      if (texts.length !== keys.length) throw new BadUserInputError(options.invalid);
      const position = {} as T;
      keys.forEach((key, i) => {
        const value = parts[key].read(texts[i]);
        if (value === null) throw new BadUserInputError(options.invalid);
        position[key] = value;
      });
      return position;
    },
  };
}

/** `first` as a vendor list call serves it: a whole number from 1, capped at `max` (its largest page); BAD_USER_INPUT otherwise. */
export function pageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1) throw new BadUserInputError(`"first" must be a whole number from 1 to ${max}; got ${String(first)}.`);
  return Math.min(first, max);
}
