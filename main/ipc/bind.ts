/**
 * Binds the contract to handlers through one `register(channel, handler)` function: ipcMain.handle
 * in the app, the HTTP router in the test host. Every input is parsed with its channel's schema
 * before a handler sees it; every failure leaves as data ({ ok: false, error }) because Electron's
 * IPC drops error classes.
 */
import type { ZodError } from 'zod';
import {
  CHANNELS,
  contract,
  type Channel,
  type ChannelOutput,
  type ChannelParsedInput,
  type Result,
} from '../../shared/contract';
import type { AppError } from '../../shared/domain';
import { toAppError } from '../providers/errors';

export type Handlers = { [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> };
export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;
export type Register = (channel: Channel, dispatch: (input: unknown) => Promise<Result<unknown>>) => void;

export function zodIssues(error: ZodError): NonNullable<AppError['issues']> {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
}

/** Validates, calls, and validates the answer too: a service bug must not leak malformed data. */
export function createDispatch(handlers: Partial<Handlers>, log: (line: string) => void = () => {}): Dispatch {
  return async (channel, input) => {
    if (!Object.hasOwn(contract, channel)) {
      return { ok: false, error: { code: 'bad_request', message: `Unknown channel "${channel}".` } };
    }
    const schema = contract[channel as Channel];
    // Parsing is inside the try too: a hostile shape (a getter that throws, a structure deep enough
    // to overflow the stack) must answer a Result like any other bad input, never reject.
    let parsed: ReturnType<typeof schema.input.safeParse>;
    try {
      parsed = schema.input.safeParse(input);
    } catch (err) {
      log(`[ipc] ${channel} input could not be parsed: ${err instanceof Error ? err.name : typeof err}`);
      return {
        ok: false,
        error: { code: 'bad_request', message: `Invalid input for ${channel}: it could not be read.` },
      };
    }
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'bad_request',
          message: `Invalid input for ${channel}: ${parsed.error.issues
            .slice(0, 10)
            .map((i) => `${i.path.join('.') || '(root)'} ${i.message}`)
            .join('; ')}`,
          issues: zodIssues(parsed.error).slice(0, 50),
        },
      };
    }
    const handler = handlers[channel as Channel] as ((i: unknown) => Promise<unknown>) | undefined;
    if (!handler) {
      return {
        ok: false,
        error: { code: 'unavailable', message: `${channel} is not available in this build yet.` },
      };
    }
    try {
      const value = await handler(parsed.data);
      const checked = schema.output.safeParse(value);
      if (!checked.success) {
        log(
          `[ipc] ${channel} produced an answer that does not match the contract: ${checked.error.issues.length} issue(s)`,
        );
        return { ok: false, error: { code: 'internal', message: `${channel} produced an invalid answer.` } };
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      const error = toAppError(err);
      if (error.code === 'internal') log(`[ipc] ${channel} failed: ${err instanceof Error ? err.name : typeof err}`);
      return { ok: false, error };
    }
  };
}

export function bindContract(register: Register, dispatch: Dispatch): Channel[] {
  for (const channel of CHANNELS) register(channel, (input) => dispatch(channel, input));
  return [...CHANNELS];
}
