// The SQL tables, shared by SQLite (embedded) and PostgreSQL (clustered). Times are epoch ms.
import type { ColumnType, Generated } from 'kysely';

export interface UsersTable {
  id: string;
  username: string;
  name: string;
  role: string;
  password_hash: string;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
  /** 1 for a demo account (signs in only in demo mode). */
  demo: number;
}

/** A login session: the family of refresh tokens that rotate from one login. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  /** SHA-256 of the token, base64url: the token itself is never stored. */
  token_hash: string;
  session_id: string;
  expires_at: number;
  created_at: number;
  /** Set when this token was exchanged for the next one; a second use is a theft signal. */
  rotated_at: number | null;
}

export interface AlertsTable {
  alert_key: string;
  channel: string;
  type: string;
  kind: string;
  subject: string;
  marketplace: string | null;
  priority: string;
  state: 'open' | 'acknowledged' | 'resolved';
  title: string;
  count: number;
  first_seen_at: number;
  last_seen_at: number;
  last_event_id: string;
  /**
   * The latest event of the alert as delivered (JSON, with its alertKey); null for alerts from
   * before it was kept, and when the event was too large to keep (projection.ts).
   */
  last_event: string | null;
  acked_by_id: string | null;
  acked_by_name: string | null;
  acked_at: number | null;
  resolved_at: number | null;
  resolved_reason: string | null;
  resolved_by_id: string | null;
  resolved_by_name: string | null;
  /** Alert key and title, folded (queries/searchText.ts). */
  search_text: ColumnType<string, string | undefined, string>;
}

export interface AlertSnoozesTable {
  alert_key: string;
  user_id: string;
  until: number;
}

export interface AlertReadsTable {
  alert_key: string;
  user_id: string;
  read_at: number;
}

/** The latest known state of each order (the projection of its ORDER_NOTIFICATION events). */
export interface OrdersTable {
  order_key: string;
  marketplace: string | null;
  order_number: string;
  status: string;
  priority: string;
  total_minor: number;
  ordered_at: number;
  ship_by: number | null;
  updated_at: number;
  last_event_id: string;
  /** The latest event about the order, as delivered (JSON). */
  event: string;
  /** Order number, package id, SKUs, titles and city, folded (queries/searchText.ts). */
  search_text: ColumnType<string, string | undefined, string>;
  /** The texts of the order's notes, folded. */
  notes_text: ColumnType<string, string | undefined, string>;
  /** ship_by, or SHIP_BY_NONE when it has none: sorting by ship-by puts those last. */
  ship_by_sort: ColumnType<number, number | undefined, number>;
}

/** Every known SKU's latest stock (the projection of its INVENTORY_CHANGE events). */
export interface StockTable {
  sku: string;
  barcode: string | null;
  title: string | null;
  on_hand: number;
  reserved: number;
  available: number;
  threshold: number | null;
  level: 'ok' | 'low' | 'out';
  /** 1 when a marketplace lists another quantity than available, or the producer said so. */
  mismatch: number;
  /** The per-marketplace listing and push state (JSON array). */
  channels: string;
  updated_at: number;
  last_event_id: string;
  search_text: string;
}

/** What happened to an order, oldest first: its events, claims and releases (notes: order_notes). */
export interface OrderHistoryTable {
  id: string;
  order_key: string;
  at: number;
  kind: 'event' | 'claimed' | 'released';
  actor_id: string | null;
  actor_name: string | null;
  /** The event as delivered (JSON), for kind `event`. */
  event: string | null;
}

export interface ClaimsTable {
  order_key: string;
  user_id: string;
  user_name: string;
  claimed_at: number;
}

export interface OrderNotesTable {
  id: string;
  order_key: string;
  user_id: string;
  user_name: string;
  text: string;
  created_at: number;
}

/** Applied actions by idempotency key, with the answer every retry gets again. */
export interface ProjectedEventsTable {
  event_id: string;
  projected_at: number;
}

export interface ActionsTable {
  key: string;
  user_id: string;
  type: string;
  request_hash: string;
  ok: number;
  /** The ack body (JSON). */
  result: string;
  created_at: number;
}

/** One security event: sign-ins, refusals, revocations, user changes, admin actions. */
export interface AuditLogTable {
  id: string;
  at: number;
  action: string;
  /** ok, failed, refused. */
  outcome: string;
  user_id: string | null;
  username: string | null;
  address: string | null;
  /** What it was about (a session id, the changed user, a route). */
  subject: string | null;
  /** JSON object with the rest. */
  details: string | null;
}

/** A CSV export's download ticket (only its hash), used once before it expires. */
export interface ExportTicketsTable {
  ticket_hash: string;
  user_id: string;
  name: string;
  role: string;
  session_id: string | null;
  resource: string;
  /** The export's canonical query string (server/queries/exportTickets.ts). */
  query: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  alerts: AlertsTable;
  alert_snoozes: AlertSnoozesTable;
  alert_reads: AlertReadsTable;
  orders: OrdersTable;
  claims: ClaimsTable;
  order_notes: OrderNotesTable;
  order_history: OrderHistoryTable;
  stock: StockTable;
  actions: ActionsTable;
  audit_log: AuditLogTable;
  projected_events: ProjectedEventsTable;
  export_tickets: ExportTicketsTable;
}

export type { ColumnType, Generated };
