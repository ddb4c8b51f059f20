// `npm run users -- <command>`: manage gateway users in the configured database.
//   add <username> --name "Ayşe Yılmaz" --role warehouse|sales|admin   (password read from stdin)
//   reset-password <username>                                           (password read from stdin)
//   disable <username> | enable <username> | list
import { parseArgs } from 'node:util';
import { ROLES, Role } from '../../protocol';
import { hashPassword } from '../auth/passwords';
import { createUserStore } from '../auth/userStore';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';

const USAGE = `usage: npm run users -- add <username> --name <name> --role <${ROLES.join('|')}>
       npm run users -- reset-password <username>
       npm run users -- disable <username> | enable <username> | list
The password is read from standard input (first line), at least 8 characters.`;

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (password.length < 8) throw new Error('The password must be at least 8 characters');
  return password;
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
        return `Added ${u.username} (${u.role}), id ${u.id}`;
      }
      case 'reset-password':
        if (!username) throw new Error(USAGE);
        await users.setPassword(username, await hashPassword(await readPassword()));
        return `Password of ${username} changed`;
      case 'disable':
      case 'enable':
        if (!username) throw new Error(USAGE);
        await users.setDisabled(username, command === 'disable');
        return `${username} ${command}d`;
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
