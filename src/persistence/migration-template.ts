/** A new, empty, hand-written migration: its file name and source. */
export interface MigrationFile {
  readonly fileName: string;
  readonly className: string;
  readonly source: string;
}

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;

/** `AddFoo` → `add-foo`, the project's file naming. */
function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/**
 * TypeORM orders migrations by the 13-digit timestamp that ends the class name, so the name
 * carries it. Throws on a name that is not PascalCase (it becomes a class name).
 */
export function migrationTemplate(name: string, now: Date): MigrationFile {
  if (!PASCAL_CASE.test(name)) {
    throw new Error(`A migration name is PascalCase letters and digits, like AddTicketLabels; got "${name}"`);
  }
  const timestamp = String(now.getTime());
  const className = `${name}${timestamp}`;
  const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TODO: say why this change is needed. Plain SQL that runs on PostgreSQL 13+. */
export class ${className} implements MigrationInterface {
  readonly name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`SELECT 1\`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`SELECT 1\`);
  }
}
`;
  return { fileName: `${timestamp}-${kebab(name)}.ts`, className, source };
}
