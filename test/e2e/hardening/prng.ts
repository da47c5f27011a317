/** mulberry32: a small seeded PRNG, so a fuzz run can be replayed from its printed seed. */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Prng.pick: empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

const RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // ASCII
  [0x00, 0x1f], // control characters
  [0x400, 0x4ff], // Cyrillic
  [0x590, 0x5ff], // Hebrew (RTL)
  [0x600, 0x6ff], // Arabic (RTL)
  [0x300, 0x36f], // combining marks
  [0x200b, 0x200f], // zero-width and direction marks
  [0x2028, 0x202e], // separators and overrides
  [0x4e00, 0x4fff], // CJK
  [0x1f300, 0x1f64f], // emoji
  [0xfe00, 0xfe0f], // variation selectors
  [0xfff0, 0xfffd], // specials
];

const HTML_BITS = ['<b>', '</b>', '<i>', '&', '&amp;', '&lt;', '<a href="javascript:x">', '</pre>', '<code>', '<<', '>', '"', "'", '№', '№1', '№999999'];

/** Random Unicode (no lone surrogates: Telegram never delivers them), HTML-like bits mixed in. */
export function randomText(rng: Prng, length: number): string {
  let out = '';
  while ([...out].length < length) {
    if (rng.chance(0.1)) {
      out += rng.pick(HTML_BITS);
      continue;
    }
    const [lo, hi] = rng.pick(RANGES);
    out += String.fromCodePoint(rng.int(lo, hi));
  }
  return [...out].slice(0, length).join('');
}

/** Random ASCII up to 64 bytes: what a forged callback_data can hold. */
export function randomCallbackData(rng: Prng): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789:_-|./ ';
  let out = '';
  const length = rng.int(1, 64);
  for (let i = 0; i < length; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}
