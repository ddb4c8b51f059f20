// Schema migrations, written once with Kysely's schema builder for both dialects.
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import {
  addQueryColumns,
  backfillSearchText,
  createQueryIndexes,
  createQueryTables,
  createSearchIndexes,
} from './queryMigration';
import type { Database } from './schema';
import { createFullTextIndexes } from './searchIndexMigration';

export const migrations: Record<string, Migration> = {
  '001_users_and_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('password_hash', 'varchar(256)', (c) => c.notNull())
        .addColumn('disabled_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('revoked_reason', 'varchar(32)')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('refresh_tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('session_id', 'varchar(64)', (c) => c.notNull().references('sessions.id'))
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('rotated_at', 'bigint')
        .execute();
      await db.schema.createIndex('refresh_tokens_session').on('refresh_tokens').column('session_id').execute();
    },
  },
  '002_projection_and_actions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('alerts')
        .addColumn('alert_key', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('channel', 'varchar(64)', (c) => c.notNull())
        .addColumn('type', 'varchar(32)', (c) => c.notNull())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('subject', 'varchar(160)', (c) => c.notNull())
        .addColumn('marketplace', 'varchar(16)')
        .addColumn('priority', 'varchar(8)', (c) => c.notNull())
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('last_event_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('acked_by_id', 'varchar(64)')
        .addColumn('acked_by_name', 'varchar(128)')
        .addColumn('acked_at', 'bigint')
        .addColumn('resolved_at', 'bigint')
        .addColumn('resolved_reason', 'varchar(16)')
        .addColumn('resolved_by_id', 'varchar(64)')
        .addColumn('resolved_by_name', 'varchar(128)')
        .execute();
      await db.schema
        .createIndex('alerts_channel_state')
        .on('alerts')
        .columns(['channel', 'state', 'last_seen_at'])
        .execute();
      await db.schema
        .createTable('alert_snoozes')
        .addColumn('alert_key', 'varchar(200)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('until', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_snoozes_pk', ['alert_key', 'user_id'])
        .execute();
      await db.schema
        .createTable('alert_reads')
        .addColumn('alert_key', 'varchar(200)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('read_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_reads_pk', ['alert_key', 'user_id'])
        .execute();
      await db.schema
        .createTable('orders')
        .addColumn('order_key', 'varchar(160)', (c) => c.primaryKey())
        .addColumn('marketplace', 'varchar(16)')
        .addColumn('order_number', 'varchar(128)', (c) => c.notNull())
        .addColumn('status', 'varchar(32)', (c) => c.notNull())
        .addColumn('priority', 'varchar(8)', (c) => c.notNull())
        .addColumn('total_minor', 'bigint', (c) => c.notNull())
        .addColumn('ordered_at', 'bigint', (c) => c.notNull())
        .addColumn('ship_by', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('last_event_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orders_updated').on('orders').column('updated_at').execute();
      await db.schema
        .createTable('claims')
        .addColumn('order_key', 'varchar(160)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('user_name', 'varchar(128)', (c) => c.notNull())
        .addColumn('claimed_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('order_notes')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('order_key', 'varchar(160)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('user_name', 'varchar(128)', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('order_notes_order').on('order_notes').column('order_key').execute();
      await db.schema
        .createTable('actions')
        .addColumn('key', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('type', 'varchar(32)', (c) => c.notNull())
        .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('actions_created').on('actions').column('created_at').execute();
    },
  },
  '003_alert_last_event': {
    async up(db: Kysely<unknown>) {
      // Nullable: alerts opened before this migration have no event kept.
      await db.schema.alterTable('alerts').addColumn('last_event', 'text').execute();
    },
  },
  '004_resolve_new_order_alerts': {
    async up(db: Kysely<unknown>) {
      // New orders stopped opening alerts (they are the orders screen's queue): the ones they opened
      // before are closed, so no console counts them.
      await sql`update alerts set state = 'resolved', resolved_at = ${Date.now()}, resolved_reason = 'manual'
        where kind = 'ORDER_CREATED' and state <> 'resolved'`.execute(db);
    },
  },
  '005_security': {
    async up(db: Kysely<unknown>) {
      // Gateways look for sessions ended since their last look (another process may end them).
      await db.schema.createIndex('sessions_revoked').on('sessions').column('revoked_at').execute();
      // Demo accounts may sign in only while demo mode is on. The ones seeded before this column
      // existed are recognised by name; `users reset-password` makes such an account a real one.
      await db.schema
        .alterTable('users')
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update users set demo = 1 where username in ('depo', 'satis', 'yonetici')`.execute(db);
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('action', 'varchar(48)', (c) => c.notNull())
        .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(64)')
        .addColumn('username', 'varchar(64)')
        .addColumn('address', 'varchar(64)')
        .addColumn('subject', 'varchar(160)')
        .addColumn('details', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
    },
  },
  '006_projected_events': {
    async up(db: Kysely<unknown>) {
      // The ids of events already in the projection: a retry of an event (after a refusal, a lost
      // answer or a failed commit) is projected at most once, so an alert counts it once.
      await db.schema
        .createTable('projected_events')
        .addColumn('event_id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('projected_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('projected_events_at').on('projected_events').column('projected_at').execute();
    },
  },
  '007_queries': {
    async up(db: Kysely<unknown>) {
      await addQueryColumns(db);
      await createQueryTables(db);
      await backfillSearchText(db as Kysely<Database>);
      await createQueryIndexes(db);
      await createSearchIndexes(db);
    },
  },
  '008_full_text_search': {
    async up(db: Kysely<unknown>) {
      await createFullTextIndexes(db);
    },
  },
  '009_export_tickets': {
    async up(db: Kysely<unknown>) {
      // Download tickets of CSV exports (server/queries/exportTickets.ts): only their hash is kept;
      // every node of a cluster redeems them against this one table, so each is used once.
      await db.schema
        .createTable('export_tickets')
        .addColumn('ticket_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('session_id', 'varchar(64)')
        .addColumn('resource', 'varchar(16)', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema.createIndex('export_tickets_expires').on('export_tickets').column('expires_at').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
