import type { AuthContext, AuthenticationType } from 'ssh2';
import ssh2 from 'ssh2';
import type { Member, PublicKey } from '../services/accounts.js';

/** What the transport needs from accounts to let someone in. */
export interface Authenticator {
  byPassword(name: string, password: string): Promise<Member | undefined>;
  byKey(name: string, key: PublicKey): Member | undefined;
  /** A saved key has just let its member in. */
  keyLoggedIn(member: Member, key: PublicKey): void;
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
  /**
   * A public key the client proved it holds on this connection (its signature verified for
   * this name): a newcomer may save it at sign-up, a member who logged in by password in
   * Settings.
   */
  provenKey?: PublicKey;
  /**
   * How the member proved who they are: a password (a one-time password from a reset must
   * then be replaced before anything else), a saved key, or being at the server's own
   * terminal (`haven console`).
   */
  via?: 'password' | 'key' | 'console';
}

/**
 * The methods offered for a name. A member proves themself by key or by the client's own
 * password prompt: PuTTY and Dropbear prefer keyboard-interactive whenever it is offered, and
 * PuTTY then frames the server's prompt in a block of its own. A newcomer has no password yet,
 * and keyboard-interactive is the method that lets the server accept without asking anything.
 */
export function methodsFor(isMember: boolean): AuthenticationType[] {
  return isMember ? ['publickey', 'password'] : ['publickey', 'keyboard-interactive', 'password'];
}

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
 *
 * A member's client offering a key that is not saved is asked to sign with it all the same;
 * the signature is checked and then refused, so the client goes on to the password (as
 * OpenSSH does: test/real-client). The proven key is remembered for this connection, and a member who
 * then gives their password may save it.
 */
export class ConnectionAuth {
  private passwordFailures = 0;
  private attempts = 0;
  /** The first key whose signature was verified on this connection, and the name it was for. */
  private proven: { name: string; key: PublicKey } | undefined;
  identity: Identity | undefined;

  constructor(
    private readonly auth: Authenticator,
    private readonly limits: AuthLimits,
    private readonly onTooManyFailures: () => void,
  ) {}

  handle(ctx: AuthContext): void {
    const name = ctx.username.slice(0, 64);
    if (++this.attempts > this.limits.maxAttempts) {
      // No failure reply first: a client would read it as "try again" and ask its member once more.
      this.onTooManyFailures();
      return;
    }
    const isMember = this.auth.isMember(name);
    const methods = methodsFor(isMember);
    switch (ctx.method) {
      case 'publickey':
        return this.publicKey(ctx, name, isMember, methods);
      case 'password':
        if (!isMember) return this.welcomeNewcomer(ctx, name);
        return void this.password(ctx, name, ctx.password, methods);
      case 'keyboard-interactive':
        if (!isMember) return this.welcomeNewcomer(ctx, name);
        // Not offered to members, but a client may try it anyway: it still works.
        ctx.prompt([{ prompt: 'Password: ', echo: false }], this.auth.bbsName, '', (answers) => {
          void this.password(ctx, name, answers[0] ?? '', methods);
        });
        return;
      default:
        ctx.reject(methods);
    }
  }

  private publicKey(ctx: Extract<AuthContext, { method: 'publickey' }>, name: string, isMember: boolean, methods: AuthenticationType[]): void {
    const key: PublicKey = { algo: ctx.key.algo, data: Buffer.from(ctx.key.data) };
    const member = isMember ? this.auth.byKey(name, key) : undefined;
    // The first pass only asks "would this key do?"; the second carries the signature.
    if (!ctx.signature) return ctx.accept();
    if (!signatureValid(ctx)) return ctx.reject(methods);
    this.proven ??= { name, key };
    if (isMember && !member) {
      // Proven but not saved: the member logs in by password, and may save it then.
      return ctx.reject(methods);
    }
    if (member) {
      this.auth.keyLoggedIn(member, key);
      this.identity = { member, requestedName: name, provenKey: key, via: 'key' };
    } else {
      this.identity = { requestedName: name, provenKey: key };
    }
    ctx.accept();
  }

  /** The key proven on this connection, if it was proven for this same name. */
  private provenKeyFor(name: string): PublicKey | undefined {
    return this.proven && this.proven.name.toLowerCase() === name.toLowerCase() ? this.proven.key : undefined;
  }

  private async password(ctx: AuthContext, name: string, password: string, methods: AuthenticationType[]): Promise<void> {
    let member: Member | undefined;
    try {
      member = await this.auth.byPassword(name, password);
    } catch {
      // The hasher is busy: that says nothing about the password, so it is not a failure.
      ctx.reject(methods);
      return;
    }
    if (member) {
      this.identity = { member, requestedName: name, provenKey: this.provenKeyFor(name), via: 'password' };
      ctx.accept();
      return;
    }
    // The last failure closes the connection with its reason instead of a failure reply,
    // which OpenSSH would answer by asking its member for a password once more.
    if (++this.passwordFailures >= this.limits.maxPasswordFailures) return this.onTooManyFailures();
    ctx.reject(methods);
  }

  private welcomeNewcomer(ctx: AuthContext, name: string): void {
    this.identity = { requestedName: name, provenKey: this.provenKeyFor(name) };
    ctx.accept();
  }
}
