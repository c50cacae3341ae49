import { programPrototype, Tput, type ProgramInternals, type SharedTput } from './blessed-internals.js';

/**
 * blessed gives every screen its own Tput, wraps each of its several hundred capabilities in
 * a closure bound to that Tput, copies them all onto the Program and wraps each once more in
 * `program.put`, bound to the Program: about 330 KiB of closures and property tables per
 * session, identical for every session on the same kind of terminal. Here one Tput per kind
 * of terminal is made and shared; what the Program copied from it lives on one prototype per
 * kind, between the Program and blessed's own prototype; and `put` is one small function per
 * Program whose capabilities come from a shared prototype too.
 *
 * Sharing is safe because a Tput holds no session's state: its methods compute escape text
 * from their arguments, and only the Program writes it to a stream. blessed's one write into
 * a Tput (`tput.unicode` from the screen's forceUnicode) is part of the key.
 */
interface TerminalKind {
  tput: SharedTput;
  programProto: object;
  putProto: object;
}
const kinds = new Map<string, TerminalKind>();

const blessedProgramProto: object = programPrototype;

/** Whether blessed's Program prototype has a value (or an accessor, such as `terminal`) for `name`. */
function blessedProgramHas(name: string): boolean {
  for (let o: object | null = blessedProgramProto; o; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return Boolean(d.get || d.set || d.value != null);
  }
  return false;
}

function plainError(message: string): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new Error(message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function kindFor(program: ProgramInternals): TerminalKind {
  const o = program.options;
  const key = JSON.stringify([program.terminal, o.padding ?? null, o.extended ?? null, o.printf ?? null, o.termcap ?? null, o.forceUnicode ?? null]);
  let kind = kinds.get(key);
  if (kind) return kind;
  const tput = new Tput({
    terminal: program.terminal,
    padding: o.padding,
    extended: o.extended,
    printf: o.printf,
    termcap: o.termcap,
    forceUnicode: o.forceUnicode,
  });
  // The error's stack would hold on to the first screen made for this kind of terminal.
  if (tput.error) tput.error = plainError(tput.error.message);
  const programProto: Record<string, unknown> = Object.create(blessedProgramProto);
  const putProto: Record<string, unknown> = Object.create(Function.prototype);
  for (const name of Object.keys(tput)) {
    const value = tput[name];
    // What blessed's setupTput copies onto a Program: anything its prototype lacks.
    if (!blessedProgramHas(name)) Object.defineProperty(programProto, name, { value, writable: true, enumerable: true, configurable: true });
    if (typeof value !== 'function') {
      putProto[name] = value;
      continue;
    }
    const cap = value as (...args: unknown[]) => string;
    putProto[name] = function putCapability(this: { program: ProgramInternals }, ...args: unknown[]) {
      const text = cap.apply(tput, args);
      const program = this.program;
      return tput.padding ? tput._print(text, (t) => program._write(t)) : program._write(text);
    };
  }
  kind = { tput, programProto, putProto };
  kinds.set(key, kind);
  return kind;
}

/** Replaces blessed's per-Program set-up of the terminal's capabilities with the shared one. */
export function shareTerminalCapabilities(): void {
  programPrototype.setupTput = function setupSharedTput(this: ProgramInternals) {
    if (this._tputSetup) return;
    this._tputSetup = true;
    const kind = kindFor(this);
    const { tput } = kind;
    this.tput = tput;
    if (tput.error) process.nextTick(() => this.emit('warning', tput.error!.message));
    if (tput.padding) process.nextTick(() => this.emit('warning', 'Terminfo padding has been enabled.'));
    // blessed copied a capability only where the Program had nothing: an own field that is
    // null or undefined is filled here as blessed would; the rest come from the prototype.
    const own = this as unknown as Record<string, unknown>;
    for (const name of Object.keys(own)) {
      if (own[name] == null && name in tput && tput[name] != null) own[name] = tput[name];
    }
    if (Object.getPrototypeOf(this) !== kind.programProto) Object.setPrototypeOf(this, kind.programProto);
    const program = this;
    const put = function put(this: unknown, cap: string, ...args: unknown[]) {
      const fn = tput[cap];
      if (typeof fn === 'function') return program._write((fn as (...a: unknown[]) => string).apply(tput, args));
      return undefined;
    } as unknown as Record<string, unknown>;
    Object.setPrototypeOf(put, kind.putProto);
    put.program = program;
    this.put = put;
  };
}
