import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An engineer's request that the admins approve a plan over the month's norm-hours (issue 14
 * §8). Written and read by persistence/repositories/budget-approvals.ts.
 */
@Entity({ name: 'budget_approvals' })
export class BudgetApprovalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  @Column({ type: 'uuid', name: 'engineer_id' })
  engineerId!: string;

  @Column({ type: 'text' })
  kind!: 'accept' | 'replan';

  @Column({ type: 'numeric', precision: 7, scale: 2, name: 'planned_hours' })
  plannedHours!: string;

  @Column({ type: 'text', name: 'planned_date' })
  plannedDate!: string;

  @Column({ type: 'text' })
  state!: 'pending' | 'approved' | 'declined';

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt!: Date | null;
}
