import { NodeHttpHandler } from '@smithy/node-http-handler';
import { sendWithin } from '../calls';
import { CONNECT_TIMEOUT_MS } from '../connection';
import { AwsProblemError } from '../errors';
import { responseGuard } from '../guard';
import { object } from '../responses';
import { ResolvedCall } from './endpoints';
import { signInProblem } from './problems';

type Json = Record<string, unknown>;

interface SdkClient {
  send(command: unknown, options: { abortSignal: AbortSignal }): Promise<unknown>;
  middlewareStack: { add(middleware: unknown, options: unknown): void };
  destroy(): void;
}

/** The SDK client options every sign-in client uses: the endpoint resolved once, and the timeouts of src/aws. */
export function clientConfig(call: ResolvedCall, region: string) {
  return {
    region,
    endpoint: call.endpoint,
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, call.timeoutMs),
      requestTimeout: call.timeoutMs,
      throwOnRequestTimeout: true,
    }),
  };
}

/**
 * One SDK client with the bounds of src/aws: the raw answer is checked before the SDK parses it (guard.ts), each call
 * has a deadline (calls.ts), what comes back is shape-checked by `read`, and every failure becomes an AwsProblemError.
 */
export class GuardedClient<C extends SdkClient> {
  constructor(
    readonly client: C,
    readonly call: ResolvedCall,
  ) {
    client.middlewareStack.add(responseGuard(call.timeoutMs), {
      step: 'deserialize',
      priority: 'low',
      name: 'frontlineSsoResponseGuard',
    });
  }

  /** Sends a command within the deadline; errors are thrown as the SDK made them (for callers that look at names). */
  raw(command: unknown, signal: AbortSignal | undefined): Promise<Json> {
    return sendWithin((abortSignal) => this.client.send(command, { abortSignal }), this.call.timeoutMs, signal).then(
      (out) => object(out, 'the response'),
    );
  }

  async send<T>(
    operation: string,
    command: unknown,
    signal: AbortSignal | undefined,
    read: (out: Json) => T,
  ): Promise<T> {
    try {
      return read(await this.raw(command, signal));
    } catch (err) {
      throw this.problem(err, operation);
    }
  }

  problem(err: unknown, operation: string): AwsProblemError {
    return err instanceof AwsProblemError
      ? err
      : new AwsProblemError(signInProblem(err, operation, this.call.context), err);
  }

  dispose(): void {
    this.client.destroy();
  }
}
