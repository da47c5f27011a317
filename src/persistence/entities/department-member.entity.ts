import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A further department a staff member works in (issue 12), besides the primary one in
 * `users.department_id`. Written and read by persistence/repositories/departments.ts.
 */
@Entity({ name: 'department_members' })
export class DepartmentMemberEntity {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'department_id' })
  departmentId!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
