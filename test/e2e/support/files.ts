/** A PNG header claiming width×height: enough for the fake to treat it as a photo. */
export function png(width = 1280, height = 800): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'ascii');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

export function pdf(): Buffer {
  return Buffer.from('%PDF-1.4\n% specification\n');
}
