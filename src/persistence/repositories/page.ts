/** A slice of a longer list, and how long the list is. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/** Throws on a negative offset or a limit outside 1..100 (callers parse user input first). */
export function checkPageRequest({ offset, limit }: PageRequest): void {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a whole number ≥ 0, got ${offset}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError(`limit must be 1..100, got ${limit}`);
}
