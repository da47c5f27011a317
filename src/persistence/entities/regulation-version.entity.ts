import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A published version of the support regulation; the highest version is the current one. */
@Entity({ name: 'regulation_versions' })
export class RegulationVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'integer', unique: true })
  version!: number;

  @Column({ type: 'text', name: 'summary_ru' })
  summaryRu!: string;

  @Column({ type: 'text', name: 'summary_en' })
  summaryEn!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt!: Date;
}
