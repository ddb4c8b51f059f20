// Changes to a user that must end the user's sessions, shared by the `users` CLI and the admin
// routes: a new password, a disabled account or a new role applies from the next sign-in, so every
// refresh token of the user stops at once (and every node closes the user's sockets).
import { randomBytes } from 'node:crypto';
import { LiveError, type Role } from '../../protocol';
import { hashPassword } from './passwords';
import type { SessionStore } from './sessionStore';
import type { UserStore } from './userStore';

export interface UserAdminDeps {
  users: UserStore;
  sessions: SessionStore;
}

/** A one-time password for an admin to hand over: 18 random characters of base64url. */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

/** Ends every session of `username`; returns the ids of the sessions ended. */
export async function endUserSessions(deps: UserAdminDeps, username: string, reason: string): Promise<string[]> {
  const user = await deps.users.findByUsername(username);
  if (!user) throw new LiveError('not_found', `No user "${username}"`);
  return deps.sessions.revokeUser(user.id, reason);
}

export async function resetPassword(deps: UserAdminDeps, username: string, password: string): Promise<string[]> {
  await deps.users.setPassword(username, await hashPassword(password));
  return endUserSessions(deps, username, 'password');
}

/** Disabling ends the sessions; enabling lets the user sign in again. */
export async function setDisabled(deps: UserAdminDeps, username: string, disabled: boolean): Promise<string[]> {
  await deps.users.setDisabled(username, disabled);
  return disabled ? endUserSessions(deps, username, 'disabled') : [];
}

/** The new role is in the tokens of the next sign-in, so the current sessions end. */
export async function setRole(deps: UserAdminDeps, username: string, role: Role): Promise<string[]> {
  await deps.users.setRole(username, role);
  return endUserSessions(deps, username, 'role');
}
