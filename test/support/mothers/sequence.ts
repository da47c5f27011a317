/** Distinct values within a test process, so mothers never collide on unique columns. */
let counter = 0;

export function nextSequence(): number {
  counter += 1;
  return counter;
}
