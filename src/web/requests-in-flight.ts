import type { FastifyInstance } from 'fastify';

/**
 * The work the web app has taken on and not yet finished: each request until its response is
 * done (sent, or its client gone) and its handler has returned, whichever is later. A handler
 * goes on after its client has gone; a graceful stop waits for it before closing the database.
 */
export interface RequestsInFlight {
  readonly count: number;
  /** Resolves once nothing is in flight. */
  settled(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    requestsInFlight: RequestsInFlight;
  }
}

/** Tracks requests in flight; call before any route or hook is added. */
export function trackRequestsInFlight(app: FastifyInstance): RequestsInFlight {
  let count = 0;
  let waiting: (() => void)[] = [];
  const hold = () => {
    count += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      count -= 1;
      if (count === 0) {
        for (const resolve of waiting) resolve();
        waiting = [];
      }
    };
  };
  const tracker: RequestsInFlight = {
    get count() {
      return count;
    },
    settled: () => (count === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
  };
  app.decorate('requestsInFlight', tracker);
  app.addHook('onRequest', async (_request, reply) => {
    reply.raw.once('close', hold());
  });
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, ...args: Parameters<typeof handler>) {
      const release = hold();
      try {
        const result: unknown = handler.apply(this, args);
        if (result instanceof Promise) result.then(release, release);
        else release();
        return result;
      } catch (error) {
        release();
        throw error;
      }
    };
  });
  return tracker;
}
