/** Every text of a locale tree (readLocale) by its dotted key, e.g. `client.my.title`. */
export function localeTexts(tree: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (tree && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree)) localeTexts(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, String(tree));
  }
  return out;
}
