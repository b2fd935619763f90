import type { FastifyInstance, FastifyRequest } from 'fastify';

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

const answered = new WeakMap<FastifyRequest, () => void>();

/**
 * Tracks requests in flight; call before any route or hook is added, and `releaseWhenAnswered`
 * after every other `onResponse` hook.
 */
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
  // A request is held from its start until its `onResponse` hooks have run (they write what is
  // done after the answer is sent, such as the audit event of a read), or, if its client went
  // before it was answered, until its connection closed.
  app.addHook('onRequest', async (request, reply) => {
    const release = hold();
    answered.set(request, release);
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) release();
    });
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

/** The last `onResponse` hook: the request is no longer in flight once the others have run. */
export function releaseWhenAnswered(app: FastifyInstance): void {
  app.addHook('onResponse', async (request) => {
    answered.get(request)?.();
  });
}
