/**
 * Reads pixel dimensions from PNG, GIF and JPEG headers so PhotoSize objects carry plausible
 * width/height; other bytes (tests often upload a few random bytes) get a default.
 */
export interface Dimensions {
  width: number;
  height: number;
}

export const DEFAULT_DIMENSIONS: Dimensions = { width: 1280, height: 960 };

export function imageSize(data: Buffer): Dimensions | undefined {
  return pngSize(data) ?? gifSize(data) ?? jpegSize(data);
}

function pngSize(data: Buffer): Dimensions | undefined {
  if (data.length < 24 || data.readUInt32BE(0) !== 0x89504e47) return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function gifSize(data: Buffer): Dimensions | undefined {
  if (data.length < 10 || data.toString('ascii', 0, 3) !== 'GIF') return undefined;
  return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
}

function jpegSize(data: Buffer): Dimensions | undefined {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return undefined;
    const marker = data[offset + 1] ?? 0;
    const length = data.readUInt16BE(offset + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

/** Telegram stores a photo in several sizes; these are the longest sides it typically produces. */
const PHOTO_SIDES = [90, 320, 800, 1280, 2560];

export function photoSizesFor(original: Dimensions): Dimensions[] {
  const longest = Math.max(original.width, original.height, 1);
  const sizes: Dimensions[] = [];
  for (const side of PHOTO_SIDES) {
    const scale = Math.min(1, side / longest);
    const size = { width: Math.max(1, Math.round(original.width * scale)), height: Math.max(1, Math.round(original.height * scale)) };
    const previous = sizes.at(-1);
    if (!previous || previous.width !== size.width || previous.height !== size.height) sizes.push(size);
    if (scale === 1) break;
  }
  return sizes;
}
