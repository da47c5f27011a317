import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A recipient department of the vendor ("Получатель"); seeded, codes are stable. */
@Entity({ name: 'departments' })
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text', name: 'name_ru' })
  nameRu!: string;

  @Column({ type: 'text', name: 'name_en' })
  nameEn!: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
