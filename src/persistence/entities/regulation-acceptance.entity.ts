import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Proof that a user accepted a regulation version, and when (users keep only the latest). */
@Entity({ name: 'regulation_acceptances' })
export class RegulationAcceptanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'timestamptz', name: 'accepted_at' })
  acceptedAt!: Date;
}
