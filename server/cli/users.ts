// `npm run users -- <command>`: manage gateway users in the configured database.
//   add <username> --name "Ayşe Yılmaz" --role warehouse|sales|admin   (password read from stdin)
//   reset-password <username>                                           (password read from stdin)
//   disable <username> | enable <username> | revoke <username> | list
// reset-password, disable and revoke end every session of the user: refresh tokens stop working at
// once and every gateway node closes the user's sockets within 2 s.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { NewPassword, ROLES, Role } from '../../protocol';
import { createAuditLog, type AuditLog } from '../audit/auditLog';
import { hashPassword } from '../auth/passwords';
import { createSessionStore } from '../auth/sessionStore';
import { endUserSessions, resetPassword, setDisabled, type UserAdminDeps } from '../auth/userAdmin';
import { createUserStore } from '../auth/userStore';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';

const USAGE = `usage: npm run users -- add <username> --name <name> --role <${ROLES.join('|')}>
       npm run users -- reset-password <username>
       npm run users -- disable <username> | enable <username> | revoke <username> | list
reset-password, disable and revoke end every session of the user.
The password is read from standard input (first line), at least 8 characters.`;

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!NewPassword.safeParse(password).success)
    throw new Error('The password must be at least 8 characters (at most 256)');
  return password;
}

/** Audits the sessions `change` ended (the gateways close their sockets when they next look). */
async function ended(
  deps: UserAdminDeps & { audit: AuditLog },
  username: string,
  reason: string,
  change: Promise<string[]>,
): Promise<number> {
  const ids = await change;
  await deps.audit.record({
    action: 'sessions.revoke',
    outcome: 'ok',
    username,
    address: 'cli',
    details: { reason, sessions: ids.length, by: userInfo().username },
  });
  return ids.length;
}

async function main(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' } },
  });
  const [command, username] = positionals;
  const config = loadConfig(process.env);
  const sql = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
  });
  const users = createUserStore(sql.db);
  const sessions = createSessionStore(sql.db);
  const audit = createAuditLog({
    db: sql.db,
    logger: pino({ level: config.logLevel, base: { service: 'meschain-live-users' } }, pino.destination(2)),
  });
  const changed = (action: string, username: string) =>
    audit.record({ action, outcome: 'ok', username, address: 'cli', details: { by: userInfo().username } });
  const deps = { users, sessions, audit };
  try {
    switch (command) {
      case 'list': {
        const all = await users.list();
        return (
          all.map((u) => `${u.username}\t${u.role}\t${u.name}${u.disabled ? '\t(disabled)' : ''}`).join('\n') ||
          '(no users)'
        );
      }
      case 'add': {
        const role = Role.safeParse(values.role);
        if (!username || !values.name || !role.success) throw new Error(USAGE);
        const u = await users.create({
          username,
          name: values.name,
          role: role.data,
          passwordHash: await hashPassword(await readPassword()),
        });
        await changed('user.add', u.username);
        return `Added ${u.username} (${u.role}), id ${u.id}`;
      }
      case 'reset-password': {
        if (!username) throw new Error(USAGE);
        const count = await ended(deps, username, 'password', resetPassword(deps, username, await readPassword()));
        await changed('user.reset-password', username);
        return `Password of ${username} changed; ${count} session(s) ended`;
      }
      case 'disable':
      case 'enable': {
        if (!username) throw new Error(USAGE);
        if (command === 'enable') {
          await setDisabled(deps, username, false);
          await changed('user.enable', username);
          return `${username} enabled`;
        }
        const count = await ended(deps, username, 'disabled', setDisabled(deps, username, true));
        await changed('user.disable', username);
        return `${username} disabled; ${count} session(s) ended`;
      }
      case 'revoke':
        if (!username) throw new Error(USAGE);
        return `${await ended(deps, username, 'revoked', endUserSessions(deps, username, 'revoked'))} session(s) of ${username} ended`;
      default:
        throw new Error(USAGE);
    }
  } finally {
    await sql.close();
  }
}

main(process.argv.slice(2)).then(
  (out) => {
    process.stdout.write(`${out}\n`);
  },
  (err: unknown) => {
    const message =
      err instanceof ConfigError ? err.lines.join('\n') : err instanceof Error ? err.message : String(err);
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
