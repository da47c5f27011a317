/** Hours as people write them: 12.5, not 12.50. */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}
