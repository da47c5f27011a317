import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema from zero. Hand-written SQL, frozen once released: later changes come as
 * new migrations. Every statement runs on PostgreSQL 13+ and on PGlite (gen_random_uuid() is
 * built in since 13, so no extension is needed).
 */
const UP: readonly string[] = [
  `CREATE TABLE companies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (btrim(name) <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,

  `CREATE TABLE departments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL UNIQUE,
    name_ru text NOT NULL,
    name_en text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,

  `CREATE TABLE contracts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid NOT NULL REFERENCES companies (id),
    kind text NOT NULL CHECK (kind IN ('support', 'implementation')),
    number text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    monthly_hours numeric(7, 2) NOT NULL CHECK (monthly_hours >= 0),
    modifications_included boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contracts_validity_check CHECK (ends_on >= starts_on)
  )`,
  // The valid contract of a kind on a day; and the "ends in 14 days / has ended" sweep.
  `CREATE INDEX contracts_company_kind_idx ON contracts (company_id, kind, starts_on)`,
  `CREATE INDEX contracts_ends_on_idx ON contracts (ends_on)`,

  `CREATE TABLE services (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL UNIQUE,
    category_code text NOT NULL,
    selectable boolean NOT NULL,
    name_ru text NOT NULL,
    name_en text NOT NULL,
    billing text NOT NULL CHECK (billing IN ('contract', 'paid', 'none')),
    contract_kind text CHECK (contract_kind IN ('support', 'implementation')),
    default_department_id uuid NOT NULL REFERENCES departments (id),
    active boolean NOT NULL DEFAULT true,
    sort_order integer NOT NULL,
    CONSTRAINT services_billing_kind_check CHECK ((billing = 'contract') = (contract_kind IS NOT NULL))
  )`,

  `CREATE TABLE regulation_versions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    version integer NOT NULL UNIQUE CHECK (version > 0),
    summary_ru text NOT NULL,
    summary_en text NOT NULL,
    url text NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
  )`,

  `CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    telegram_id bigint NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('client', 'engineer', 'admin')),
    company_id uuid REFERENCES companies (id),
    department_id uuid REFERENCES departments (id),
    language text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
    display_name text NOT NULL,
    username text,
    blocked boolean NOT NULL DEFAULT false,
    blocked_reason text,
    accepted_regulation_version integer REFERENCES regulation_versions (version),
    unreachable boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_company_check CHECK ((role = 'client') = (company_id IS NOT NULL)),
    CONSTRAINT users_department_check CHECK (
      CASE role WHEN 'engineer' THEN department_id IS NOT NULL
                WHEN 'client' THEN department_id IS NULL
                ELSE true END)
  )`,
  // A company's users (blocking when its contract ends), a department's engineers (notifications).
  `CREATE INDEX users_company_idx ON users (company_id) WHERE company_id IS NOT NULL`,
  `CREATE INDEX users_department_idx ON users (department_id) WHERE department_id IS NOT NULL`,

  `CREATE TABLE regulation_acceptances (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version integer NOT NULL REFERENCES regulation_versions (version),
    accepted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT regulation_acceptances_once UNIQUE (user_id, version)
  )`,

  `CREATE TABLE invites (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('client', 'engineer', 'admin')),
    company_id uuid REFERENCES companies (id),
    department_id uuid REFERENCES departments (id),
    expires_at timestamptz NOT NULL,
    max_uses integer NOT NULL CHECK (max_uses > 0),
    uses integer NOT NULL DEFAULT 0,
    revoked_at timestamptz,
    created_by_id uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invites_uses_check CHECK (uses BETWEEN 0 AND max_uses),
    CONSTRAINT invites_target_check CHECK (
      (role = 'client' AND company_id IS NOT NULL AND department_id IS NULL)
      OR (role = 'engineer' AND company_id IS NULL AND department_id IS NOT NULL)
      OR (role = 'admin' AND company_id IS NULL))
  )`,

  `CREATE SEQUENCE ticket_number_seq AS integer START WITH 1`,
  `CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    number integer NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
    company_id uuid NOT NULL REFERENCES companies (id),
    author_id uuid NOT NULL REFERENCES users (id),
    service_code text NOT NULL REFERENCES services (code) ON UPDATE CASCADE,
    billing text NOT NULL CHECK (billing IN ('contract', 'paid', 'none')),
    contract_kind text CHECK (contract_kind IN ('support', 'implementation')),
    type text NOT NULL CHECK (type IN ('problem', 'modification', 'question')),
    priority text NOT NULL CHECK (priority IN ('normal', 'high')),
    state text NOT NULL CHECK (state IN ('new', 'clarification', 'accepted', 'rejected',
      'customer_testing', 'in_development', 'ready_for_install', 'done')),
    department_id uuid NOT NULL REFERENCES departments (id),
    owner_id uuid REFERENCES users (id),
    responsible_id uuid REFERENCES users (id),
    planned_hours numeric(7, 2) CHECK (planned_hours > 0 AND mod(planned_hours * 4, 1) = 0),
    planned_date date,
    charged_month text CHECK (charged_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    subject text NOT NULL,
    description text NOT NULL,
    steps text,
    error_text text,
    linked_ticket_id uuid REFERENCES tickets (id),
    entered_new_at timestamptz NOT NULL,
    state_changed_at timestamptz NOT NULL,
    review_due_at timestamptz,
    window_ends_at timestamptz,
    review_warned_at timestamptz,
    review_breached_at timestamptz,
    reminders_sent integer[] NOT NULL DEFAULT '{}',
    next_due_at timestamptz,
    next_due_kind text CHECK (next_due_kind IN ('review_warning', 'review_breach', 'reminder', 'window_end')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    CONSTRAINT tickets_billing_kind_check CHECK ((billing = 'contract') = (contract_kind IS NOT NULL)),
    CONSTRAINT tickets_next_due_check CHECK ((next_due_at IS NULL) = (next_due_kind IS NULL))
  )`,
  // Dropping the table drops the sequence, so revert leaves nothing behind.
  `ALTER SEQUENCE ticket_number_seq OWNED BY tickets.number`,
  // SPEC §9 queue: only new/accepted tickets, high first, then by entering `new`; the
  // expression matches the ORDER BY of the queue query so the index also gives the order.
  `CREATE INDEX tickets_queue_idx ON tickets (department_id, (priority = 'high') DESC, entered_new_at, number)
    WHERE state IN ('new', 'accepted')`,
  // A company's tickets newest first (numbers grow with creation).
  `CREATE INDEX tickets_company_idx ON tickets (company_id, number DESC)`,
  // The scheduler's sweep reads only tickets with something due: a small partial index.
  `CREATE INDEX tickets_next_due_idx ON tickets (next_due_at) WHERE next_due_at IS NOT NULL`,
  `CREATE INDEX tickets_author_idx ON tickets (author_id)`,
  `CREATE INDEX tickets_owner_idx ON tickets (owner_id) WHERE owner_id IS NOT NULL`,
  `CREATE INDEX tickets_responsible_idx ON tickets (responsible_id) WHERE responsible_id IS NOT NULL`,

  // An append-only ledger (the domain's charge_hours effects): a replan adds the difference,
  // which may be negative, so a month's planned hours are the sum of its rows.
  `CREATE TABLE hour_charges (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    company_id uuid NOT NULL REFERENCES companies (id),
    contract_kind text NOT NULL CHECK (contract_kind IN ('support', 'implementation')),
    month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    hours numeric(7, 2) NOT NULL,
    overridden boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX hour_charges_company_month_idx ON hour_charges (company_id, month)`,

  `CREATE TABLE comments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id uuid REFERENCES users (id),
    visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
    text text NOT NULL,
    source_message_id bigint,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX comments_ticket_idx ON comments (ticket_id, created_at)`,

  `CREATE TABLE attachments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    comment_id uuid REFERENCES comments (id) ON DELETE CASCADE,
    file_id text NOT NULL,
    file_unique_id text NOT NULL,
    file_name text,
    mime_type text,
    size_bytes integer CHECK (size_bytes >= 0),
    purpose text NOT NULL CHECK (purpose IN ('screenshot', 'specification', 'mockup', 'other')),
    media_group_id text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX attachments_ticket_idx ON attachments (ticket_id)`,
  `CREATE INDEX attachments_comment_idx ON attachments (comment_id) WHERE comment_id IS NOT NULL`,

  `CREATE TABLE work_logs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id),
    hours numeric(7, 2) NOT NULL CHECK (hours > 0),
    note text,
    logged_on date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX work_logs_ticket_idx ON work_logs (ticket_id, logged_on)`,

  `CREATE TABLE ticket_history (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    actor_id uuid REFERENCES users (id),
    field text NOT NULL CHECK (field IN ('created', 'state', 'owner', 'responsible', 'priority',
      'planned_hours', 'planned_date')),
    from_value text,
    to_value text,
    reason text,
    at timestamptz NOT NULL DEFAULT now(),
    -- Insertion order: several changes made in one transaction share one instant.
    seq bigint GENERATED ALWAYS AS IDENTITY
  )`,
  `CREATE INDEX ticket_history_ticket_idx ON ticket_history (ticket_id, at, seq)`,

  `CREATE TABLE outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    recipient_id uuid REFERENCES users (id) ON DELETE CASCADE,
    chat_id bigint,
    key text NOT NULL,
    params jsonb NOT NULL DEFAULT '{}',
    keyboard jsonb,
    ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
    dedupe_key text NOT NULL UNIQUE,
    status text NOT NULL DEFAULT 'pending'
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unreachable')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    telegram_message_id bigint,
    -- Enqueue order, so one recipient's messages go out in the order their events happened.
    seq bigint GENERATED ALWAYS AS IDENTITY,
    CONSTRAINT outbox_recipient_check CHECK (recipient_id IS NOT NULL OR chat_id IS NOT NULL)
  )`,
  // The dispatcher's poll: due pending rows, and claimed rows whose lease ran out (a crash
  // mid-send). Sent rows, the vast majority, stay out of the index.
  `CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending')`,

  `CREATE TABLE processed_updates (
    update_id bigint PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
  )`,
  // Old markers are pruned by age.
  `CREATE INDEX processed_updates_at_idx ON processed_updates (processed_at)`,

  `CREATE TABLE bot_sessions (
    chat_id bigint NOT NULL,
    user_id bigint NOT NULL,
    state jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chat_id, user_id)
  )`,
];

const DOWN: readonly string[] = [
  'DROP TABLE bot_sessions',
  'DROP TABLE processed_updates',
  'DROP TABLE outbox',
  'DROP TABLE ticket_history',
  'DROP TABLE work_logs',
  'DROP TABLE attachments',
  'DROP TABLE comments',
  'DROP TABLE hour_charges',
  'DROP TABLE tickets',
  'DROP SEQUENCE IF EXISTS ticket_number_seq',
  'DROP TABLE invites',
  'DROP TABLE regulation_acceptances',
  'DROP TABLE users',
  'DROP TABLE regulation_versions',
  'DROP TABLE services',
  'DROP TABLE contracts',
  'DROP TABLE departments',
  'DROP TABLE companies',
];

export class InitialSchema1767225600000 implements MigrationInterface {
  readonly name = 'InitialSchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}
