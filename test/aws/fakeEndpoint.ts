import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/** What the fake endpoint does with one request (after reading its body). */
export type Behaviour = (req: IncomingMessage, res: ServerResponse, body: string, count: number) => void;

/**
 * An HTTP server on 127.0.0.1 that misbehaves as told: the AWS side's hostile input. It counts requests, and stop()
 * destroys open sockets, so a request left hanging on purpose cannot keep the test process alive.
 */
export class FakeEndpoint {
  behaviour: Behaviour = (_req, res) => res.end();
  requests = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.behaviour(req, res, Buffer.concat(chunks).toString('utf8'), ++this.requests));
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
