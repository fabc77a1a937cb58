// Error classes of the `ecorules` package. The Rust side calls `makeError(envelope)` for
// every failure, so every exception a caller sees is an `EcorulesError` (a real `Error`
// with a stack) carrying the core's envelope: kind, code, message, help, file, path,
// line, column. One subclass per kind lets callers `catch (e) { if (e instanceof PermitError) ... }`.

export class EcorulesError extends Error {
  constructor(envelope) {
    super(envelope.message);
    this.name = 'EcorulesError';
    this.kind = envelope.kind;
    this.code = envelope.code;
    this.help = envelope.help ?? null;
    this.file = envelope.file ?? null;
    this.path = envelope.path ?? null;
    this.line = envelope.line ?? null;
    this.column = envelope.column ?? null;
  }

  /** The envelope as a plain object, equal to the core's `ErrorEnvelope` JSON. */
  toJSON() {
    return {
      kind: this.kind,
      code: this.code,
      message: this.message,
      help: this.help,
      file: this.file,
      path: this.path,
      line: this.line,
      column: this.column,
    };
  }

  get envelope() {
    return this.toJSON();
  }
}

export class PackError extends EcorulesError {}
export class PermitError extends EcorulesError {}
export class DataError extends EcorulesError {}
export class RuleError extends EcorulesError {}
export class ProtocolError extends EcorulesError {}
export class LimitError extends EcorulesError {}
export class ConversionError extends EcorulesError {}
export class StateError extends EcorulesError {}
/** A bug in the engine (a Rust panic), turned into an error instead of a WebAssembly trap. */
export class InternalError extends EcorulesError {}

const BY_KIND = {
  pack: PackError,
  permit: PermitError,
  data: DataError,
  rule: RuleError,
  protocol: ProtocolError,
  limit: LimitError,
  conversion: ConversionError,
  state: StateError,
  internal: InternalError,
};

export function makeError(envelopeJson) {
  const envelope = JSON.parse(envelopeJson);
  const Cls = BY_KIND[envelope.kind] ?? EcorulesError;
  const err = new Cls(envelope);
  err.name = Cls.name;
  return err;
}
