import type { AuthContext } from 'ssh2';
import ssh2 from 'ssh2';
import type { Member, PublicKey } from '../services/accounts.js';

/** What the transport needs from accounts to let someone in. */
export interface Authenticator {
  byPassword(name: string, password: string): Promise<Member | undefined>;
  byKey(name: string, key: PublicKey): Member | undefined;
  /** True when the name belongs to a member (who must then prove it). */
  isMember(name: string): boolean;
  /** The BBS's name (`--name`): ssh clients show it above the password prompt. */
  bbsName: string;
}

/** Who is at the other end once authentication succeeds. */
export interface Identity {
  /** The member, or undefined for a newcomer who will sign up. */
  member?: Member;
  /** The name given to ssh (may be unusable: sign-up then asks for another). */
  requestedName: string;
  /** A public key the client proved it holds, which a newcomer may save. */
  provenKey?: PublicKey;
}

export const AUTH_METHODS = ['publickey', 'keyboard-interactive', 'password'] as const;

export interface AuthLimits {
  maxPasswordFailures: number;
  maxAttempts: number;
}

/** True when the signature in a publickey request proves possession of the key. */
function signatureValid(ctx: Extract<AuthContext, { method: 'publickey' }>): boolean {
  if (!ctx.signature || !ctx.blob) return false;
  const parsed = ssh2.utils.parseKey(ctx.key.data);
  if (parsed instanceof Error) return false;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true;
}

/**
 * Runs one connection's authentication. Members prove themselves by saved key or password;
 * an unknown name is let in without a password so the newcomer reaches sign-up, but 'none'
 * is refused first so that a client holding a key offers it and can save it.
 */
export class ConnectionAuth {
  private passwordFailures = 0;
  private attempts = 0;
  private newcomerKey: PublicKey | undefined;
  identity: Identity | undefined;

  constructor(
    private readonly auth: Authenticator,
    private readonly limits: AuthLimits,
    private readonly onTooManyFailures: () => void,
  ) {}

  handle(ctx: AuthContext): void {
    const name = ctx.username.slice(0, 64);
    if (++this.attempts > this.limits.maxAttempts) {
      ctx.reject();
      this.onTooManyFailures();
      return;
    }
    const isMember = this.auth.isMember(name);
    switch (ctx.method) {
      case 'publickey':
        return this.publicKey(ctx, name, isMember);
      case 'password':
        if (!isMember) return this.welcomeNewcomer(ctx, name);
        return void this.password(ctx, name, ctx.password);
      case 'keyboard-interactive':
        if (!isMember) return this.welcomeNewcomer(ctx, name);
        ctx.prompt([{ prompt: 'Password: ', echo: false }], this.auth.bbsName, '', (answers) => {
          void this.password(ctx, name, answers[0] ?? '');
        });
        return;
      default:
        ctx.reject([...AUTH_METHODS]);
    }
  }

  private publicKey(ctx: Extract<AuthContext, { method: 'publickey' }>, name: string, isMember: boolean): void {
    const key: PublicKey = { algo: ctx.key.algo, data: Buffer.from(ctx.key.data) };
    const member = isMember ? this.auth.byKey(name, key) : undefined;
    if (isMember && !member) return ctx.reject([...AUTH_METHODS]);
    // The first pass only asks "would this key do?"; the second carries the signature.
    if (!ctx.signature) return ctx.accept();
    if (!signatureValid(ctx)) return ctx.reject([...AUTH_METHODS]);
    if (member) {
      this.identity = { member, requestedName: name };
    } else {
      this.newcomerKey = key;
      this.identity = { requestedName: name, provenKey: key };
    }
    ctx.accept();
  }

  private async password(ctx: AuthContext, name: string, password: string): Promise<void> {
    const member = await this.auth.byPassword(name, password).catch(() => undefined);
    if (member) {
      this.identity = { member, requestedName: name };
      ctx.accept();
      return;
    }
    this.passwordFailures++;
    ctx.reject([...AUTH_METHODS]);
    if (this.passwordFailures >= this.limits.maxPasswordFailures) this.onTooManyFailures();
  }

  private welcomeNewcomer(ctx: AuthContext, name: string): void {
    this.identity = { requestedName: name, provenKey: this.newcomerKey };
    ctx.accept();
  }
}
