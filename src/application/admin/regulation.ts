import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { RegulationVersionEntity } from '../../persistence/entities';
import { currentRegulation } from '../../persistence/repositories/regulation';
import { RegulationVersionError } from './errors';
import { parseInput } from './parse';
import { numberField, ruleMessage, textField } from './rules';

const regulationSchema = z.object({
  /** Default: the current version + 1. */
  version: numberField(1, 1_000_000, { whole: true }).optional(),
  summaryRu: textField(10, 3500),
  summaryEn: textField(10, 3500),
  url: z.url(ruleMessage('url')).refine((u) => u.startsWith('https://') || u.startsWith('http://'), ruleMessage('url')),
});

export type RegulationInput = z.input<typeof regulationSchema>;

/**
 * Publishes a new regulation version. It becomes the current one at once, so every user,
 * having accepted an older version, is asked to accept again before anything else (SPEC §8).
 * Throws AdminInputError, RegulationVersionError when the version is not newer.
 */
export async function publishRegulation(
  manager: EntityManager,
  input: RegulationInput,
  now: Date,
): Promise<RegulationVersionEntity> {
  const r = parseInput(regulationSchema, input);
  const current = (await currentRegulation(manager))?.version ?? 0;
  const version = r.version ?? current + 1;
  if (version <= current) throw new RegulationVersionError(version, current);
  return manager.save(
    manager.create(RegulationVersionEntity, {
      version,
      summaryRu: r.summaryRu,
      summaryEn: r.summaryEn,
      url: r.url,
      publishedAt: now,
    }),
  );
}
