// A logger bound to one name. Plugins log through it, never to the console, so the CLI decides
// what reaches the terminal. Values registered as secrets are masked in every message.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(name: string): Logger;
}

export type LogWriter = (level: LogLevel, name: string, message: string) => void;

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

export class SecretMasker {
  private readonly secrets = new Set<string>();
  add(value: unknown): void {
    if (typeof value === 'string' && value.length >= 3) this.secrets.add(value);
  }
  mask(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('********');
    return out;
  }
}

export function createLogger(
  name: string,
  write: LogWriter,
  options: { level?: LogLevel; masker?: SecretMasker } = {},
): Logger {
  const min = LEVELS.indexOf(options.level ?? 'info');
  const emit = (level: LogLevel, message: string) => {
    if (LEVELS.indexOf(level) < min) return;
    write(level, name, options.masker ? options.masker.mask(message) : message);
  };
  return {
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
    child: (child) => createLogger(`${name}.${child}`, write, options),
  };
}

export const silentLogger: Logger = createLogger('silent', () => {}, { level: 'error' });
