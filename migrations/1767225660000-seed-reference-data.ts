import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data of SPEC §2 and regulation version 1. The values are copied here, not
 * imported, so the migration stays what it was when it ran even if the code moves on.
 */

const DEPARTMENTS: readonly (readonly [code: string, nameRu: string, nameEn: string])[] = [
  ['implementation', 'Внедрение', 'Implementation'],
  ['quality', 'Контроль качества', 'Quality control'],
  ['sales', 'Продажи', 'Sales'],
  ['support', 'Сопровождение', 'Support'],
];

interface ServiceSeed {
  readonly code: string;
  readonly category: string;
  readonly selectable: boolean;
  readonly ru: string;
  readonly en: string;
  readonly billing: 'contract' | 'paid' | 'none';
  readonly contractKind: 'support' | 'implementation' | null;
  readonly department: string;
}

const paidSupport = { category: 'support_paid', billing: 'paid', contractKind: null, department: 'support' } as const;
const support = { category: 'support', billing: 'contract', contractKind: 'support', department: 'support' } as const;

// A category with sub-types gets a non-selectable row carrying its name (see ServiceEntity).
const SERVICES: readonly ServiceSeed[] = [
  { code: 'implementation_paid', category: 'implementation_paid', selectable: true,
    ru: 'Внедрение (доп. платные услуги)', en: 'Implementation (paid extra)',
    billing: 'paid', contractKind: null, department: 'implementation' },
  { code: 'implementation', category: 'implementation', selectable: true,
    ru: 'Внедрение', en: 'Implementation',
    billing: 'contract', contractKind: 'implementation', department: 'implementation' },
  { code: 'quality', category: 'quality', selectable: true,
    ru: 'Контроль качества (отзывы и предложения)', en: 'Quality control (feedback, suggestions)',
    billing: 'none', contractKind: null, department: 'quality' },
  { code: 'sales', category: 'sales', selectable: true,
    ru: 'Продажи (новый функционал, лицензии)', en: 'Sales (new functionality, licences)',
    billing: 'none', contractKind: null, department: 'sales' },
  { ...paidSupport, code: 'support_paid', selectable: false,
    ru: 'Сопровождение (доп. платные услуги)', en: 'Support (paid extra)' },
  { ...paidSupport, code: 'support_paid.visit', selectable: true,
    ru: 'Доп. платный выезд', en: 'Paid extra visit' },
  { ...paidSupport, code: 'support_paid.modification', selectable: true,
    ru: 'Платная доработка', en: 'Paid modification' },
  { ...paidSupport, code: 'support_paid.after_hours', selectable: true,
    ru: 'Сопровождение в нерабочее время', en: 'Support outside working hours' },
  { ...support, code: 'support', selectable: false, ru: 'Сопровождение', en: 'Support' },
  { ...support, code: 'support.visit', selectable: true, ru: 'Плановый выезд', en: 'Planned visit' },
  { ...support, code: 'support.office_work', selectable: true,
    ru: 'Работы в офисе по ТЗ Заказчика', en: "Office work per the client's specification" },
  { ...support, code: 'support.phone', selectable: true, ru: 'Телефонная консультация', en: 'Phone consultation' },
  { ...support, code: 'support.remote', selectable: true, ru: 'Удалённое подключение', en: 'Remote connection' },
];

const REGULATION_URL = 'https://www.medis-plus.ru/OTRS.pdf';

const SUMMARY_RU = [
  'Главное из регламента работы с поддержкой МедИС Плюс:',
  '• Заявки оформляются только через систему (здесь — через этого бота); новая заявка получает статус «Новая».',
  '• Тема заявки передаёт суть обращения, описание полностью её раскрывает.',
  '• Для ошибок обязательны скриншоты, текст ошибки и последовательность действий.',
  '• Для новых форм отчётности и шаблонов документов нужны техническое задание и макеты.',
  '• Новая заявка рассматривается в течение 3 рабочих дней: её принимают в работу или запрашивают уточнение.',
  '• Уточнение ждём не более 2 недель, без ответа заявка отклоняется автоматически.',
  '• Результат проверяете вы: без мотивированного отказа в течение 2 недель заявка закрывается как выполненная.',
  '• Высокий приоритет выполняется вне очереди, обычный — в порядке очереди.',
  '• Заявки принимаются в работу в пределах норм-часов действующего договора; за объёмом плановых часов следит Заказчик.',
  '• Учётные записи без действующего договора или нарушающие регламент блокируются.',
  '• Пользуясь системой, вы соглашаетесь с регламентом.',
].join('\n');

const SUMMARY_EN = [
  'The main points of the MedIS Plus support regulation:',
  '• Requests are filed only through the system (here: this bot); a new request starts as "New".',
  '• The subject states the essence of the request; the description explains it in full.',
  '• For errors, screenshots, the error text and the steps to reproduce are required.',
  '• For new report forms and document templates, a specification and mock-ups are required.',
  '• A new request is reviewed within 3 business days: it is accepted or a clarification is asked.',
  '• A clarification is awaited for at most 2 weeks; without an answer the request is rejected automatically.',
  '• You check the result: without a motivated refusal within 2 weeks the request is closed as done.',
  '• High priority is served out of turn; normal priority in queue order.',
  "• Requests are accepted within the contract's monthly norm-hours; the client watches the planned hours.",
  '• Accounts without a valid contract, or breaking the regulation, are blocked.',
  '• By using the system you accept the regulation.',
].join('\n');

export class SeedReferenceData1767225660000 implements MigrationInterface {
  readonly name = 'SeedReferenceData1767225660000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [code, nameRu, nameEn] of DEPARTMENTS) {
      await queryRunner.query('INSERT INTO departments (code, name_ru, name_en) VALUES ($1, $2, $3)', [
        code,
        nameRu,
        nameEn,
      ]);
    }
    for (const [index, s] of SERVICES.entries()) {
      await queryRunner.query(
        `INSERT INTO services (code, category_code, selectable, name_ru, name_en, billing, contract_kind,
           default_department_id, sort_order)
         SELECT $1, $2, $3, $4, $5, $6, $7, d.id, $9 FROM departments d WHERE d.code = $8`,
        [s.code, s.category, s.selectable, s.ru, s.en, s.billing, s.contractKind, s.department, (index + 1) * 10],
      );
    }
    await queryRunner.query(
      'INSERT INTO regulation_versions (version, summary_ru, summary_en, url) VALUES (1, $1, $2, $3)',
      [SUMMARY_RU, SUMMARY_EN, REGULATION_URL],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Rows that refer to the seed (users, tickets) must be gone first; the foreign keys say so.
    await queryRunner.query('DELETE FROM regulation_versions WHERE version = 1');
    await queryRunner.query(`DELETE FROM services WHERE code = ANY($1)`, [SERVICES.map((s) => s.code)]);
    await queryRunner.query(`DELETE FROM departments WHERE code = ANY($1)`, [DEPARTMENTS.map(([code]) => code)]);
  }
}
