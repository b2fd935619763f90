import { createHmac, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { addAppSettingIfAbsent, findAppSetting } from './db/app-settings-repository.ts';
import type { Services } from './services.ts';
import { isStaticAsset, loggerOptions, STATIC_ASSETS_LOG_LEVEL } from './logging.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { createViewEnvironment } from './web/nunjucks.ts';
import { navigationFor } from './web/navigation.ts';
import { figuresCache } from './web/figures-cache.ts';
import { figuresVersion } from './modules/absence-report/absence-summary-repository.ts';
import { accessControl, declaredAccess, HttpProblem, showsHealthData } from './web/access-control.ts';
import { anonymousCsrfToken } from './web/anonymous-csrf.ts';
import { databaseSessionStore } from './web/session-store.ts';
import { inputChecks } from './web/input-checks.ts';
import { releaseWhenAnswered, trackRequestsInFlight } from './web/requests-in-flight.ts';
import type { Access, UploadedFile } from './web/types.ts';
import './web/types.ts';

const publicDir = fileURLToPath(new URL('../public', import.meta.url));

/** Requests whose multipart form is being read: see the hooks around @fastify/multipart. */
const readingMultipartForm = new WeakSet<FastifyRequest>();

/** Routes registered on the app, with the access each declares: read by the access-table test. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
  /** The audit event the route declares, if any. */
  audit?: string;
  /** The rule of who may reach the records of the person the route names, if it names one. */
  record?: string;
}

async function sessionSecret(services: Services): Promise<string> {
  if (services.config.session.secret) return services.config.session.secret;
  const db = services.database.system;
  const found = await findAppSetting(db, 'session_secret');
  if (found !== undefined) return found;
  const secret = randomBytes(48).toString('base64url');
  // Another server starting at the same moment may have stored its own: every server uses the stored one.
  await addAppSettingIfAbsent(db, 'session_secret', secret);
  return (await findAppSetting(db, 'session_secret')) ?? secret;
}

/**
 * The composition root: registers, in this order, health checks, security headers, sessions,
 * body parsing, static assets, authentication, CSRF, the capability modules, 404 and errors.
 */
export async function buildApp(
  services: Services,
  options: {
    logger?: boolean;
    /** Where log lines go: standard error, unless a test reads them. */
    logStream?: NodeJS.WritableStream;
  } = {},
) {
  const { config } = services;
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(config.logLevel, options.logStream),
    trustProxy: config.trustProxy,
    genReqId: () => randomBytes(8).toString('hex'),
    // Static assets are logged below `info`, by their own context.
    logController: new LogController({ disableRequestLogging: isStaticAsset }),
    bodyLimit: 20 * 1024 * 1024,
  });
  // First, so that every request and route is counted: a graceful stop waits for them.
  trackRequestsInFlight(app);
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const access = declaredAccess(route.url, route.config);
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access`);
    // A permission no module declares is a mistake: `showsHealthData` throws on it.
    const healthData = showsHealthData(access, services.permissions);
    if ([route.method].flat().includes('GET') && healthData && !route.config?.audit) {
      throw new Error(`Route GET ${route.url} shows health data but declares no audit event`);
    }
    const record = route.config?.record;
    if (record && !services.recordAccessRules.has(record.rule)) {
      throw new Error(
        `Route ${route.url} names the record access rule ${record.rule}, which no module declares`,
      );
    }
    if (record && !route.url.includes(`:${record.person}`)) {
      throw new Error(`Route ${route.url} declares the records of :${record.person}, which it does not name`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') {
        routes.push({ method, url: route.url, access, audit: route.config?.audit, record: record?.rule });
      }
    }
  });

  // Pages, downloads and API answers may hold health data: no browser or proxy keeps a copy.
  // Only the static assets keep their own caching.
  app.addHook('onSend', async (request, reply) => {
    if (!isStaticAsset(request)) void reply.header('cache-control', 'no-store');
  });

  // Health and readiness answer before anything else, with no session.
  await app.register(healthRoutes(services));

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  // No NUL bytes anywhere, and pages take only forms: before anything reads the request.
  await app.register(inputChecks);

  if (config.secureCookies) {
    // People reach the service at an https:// address, through a proxy that ends TLS: every
    // request is treated as the HTTPS request it was, so that cookies are always marked Secure
    // (and the session plugin, which keeps Secure cookies off plain HTTP, sets them at all).
    app.addHook('onRequest', async (request) => {
      Object.defineProperty(request, 'protocol', { value: 'https' });
    });
  }
  const secret = await sessionSecret(services);
  // Signs the cookie that holds the form secret of people not yet signed in.
  await app.register(fastifyCookie, {
    secret: createHmac('sha256', secret).update('wellwork.csrf').digest('base64url'),
  });
  await app.register(fastifySession, {
    secret,
    cookieName: 'wellwork.sid',
    saveUninitialized: false,
    rolling: true,
    store: databaseSessionStore(services.database.system, config.session.idleMinutes),
    cookie: {
      path: '/',
      httpOnly: true,
      secure: config.secureCookies ? true : 'auto',
      sameSite: 'lax',
      maxAge: config.session.idleMinutes * 60_000,
    },
  });
  await app.register(fastifyFormbody);
  // Uploaded files arrive in the body as { fileName, content } beside the plain fields. Reading
  // a multipart form fails on what was sent (no boundary, cut short, a malformed part): those
  // failures, marked by the hooks either side of the plugin's, are answered 400, not 500.
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) readingMultipartForm.add(request);
  });
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    onFile: async (part) => {
      const content = await part.toBuffer();
      Object.assign(part, { value: { fileName: part.filename, content } satisfies UploadedFile });
    },
    limits: { fileSize: 20 * 1024 * 1024, files: 1 },
  });
  app.addHook('preValidation', async (request) => {
    readingMultipartForm.delete(request);
  });
  // In a context of their own, whose requests are logged once each, below `info`.
  await app.register(async (assets) => {
    assets.addHook('onResponse', async (request, reply) => {
      request.log[STATIC_ASSETS_LOG_LEVEL](
        { req: request, res: reply, responseTime: reply.elapsedTime },
        'request completed',
      );
    });
    await assets.register(fastifyStatic, {
      root: publicDir,
      prefix: '/assets/',
      decorateReply: false,
      index: false,
    });
  });

  const views = createViewEnvironment({ noCache: false });
  app.decorateRequest('principal', null);
  app.decorateRequest('organisation', null);
  app.decorateRequest('organisationRecord', null);
  app.decorateRequest('apiKey', null);
  app.decorateReply(
    'render',
    function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const request = this.request;
      const flash = request.session?.get('flash');
      if (flash) request.session.set('flash', undefined);
      const cspNonce = this.cspNonce.script;
      // Signed-in people's form secret is in their session; anyone else's in a cookie, so that
      // a page shown to someone not signed in starts no session.
      const csrfToken = request.principal ? this.generateCsrf() : anonymousCsrfToken(request, this);
      request.renderedWith = { nonce: cspNonce, csrfToken };
      const html = views.render(template, {
        cspNonce,
        csrfToken,
        currentUser: request.principal
          ? { displayName: request.principal.displayName, email: request.principal.email }
          : null,
        navigation: request.principal
          ? navigationFor(
              request.principal,
              request.organisation,
              request.url,
              services.capabilities,
              services.permissions,
            )
          : [],
        // Pages outside an organisation (home, your account) name it when the account has one only.
        organisationName:
          request.organisation?.name ??
          (request.principal?.organisations.length === 1 ? request.principal.organisations[0]?.name : null) ??
          null,
        notification: flash ?? null,
        ...context,
      });
      return this.type('text/html; charset=utf-8').send(html);
    },
  );

  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
  await app.register(accessControl(services));
  // After access control's, whose audit event of a read is written once the answer is sent.
  releaseWhenAnswered(app);
  await app.register(figuresCache(services, figuresVersion));

  app.setNotFoundHandler({}, (request, reply) => notFound(request, reply));
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    // A value the database could not take is the request's fault: a check is missing before it.
    const dataException = dataExceptionCode(error);
    if (dataException) {
      request.log.warn({ sqlState: dataException }, 'a value the database could not take');
      error = new HttpProblem(400, 'A value sent could not be used: check what was entered and try again.');
    }
    if (readingMultipartForm.has(request) && !(error instanceof HttpProblem) && !error.statusCode) {
      request.log.warn({ err: error }, 'a multipart form that could not be read');
      error = new HttpProblem(
        400,
        'The form sent could not be read. Go back, refresh the page and try again.',
      );
    }
    const status = error instanceof HttpProblem ? error.statusCode : (error.statusCode ?? 500);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (isApi(request)) {
      return reply.status(status).send({ error: status >= 500 ? 'Internal Server Error' : error.message });
    }
    if (status === 404) return notFound(request, reply);
    if (status === 403 && error.code === 'FST_CSRF_INVALID_TOKEN') {
      return reply.status(403).render('errors/forbidden.njk', {
        pageTitle: 'Your form has expired',
        message: 'The form you sent had expired. Go back, refresh the page and try again.',
      });
    }
    if (status === 403)
      return reply.status(403).render('errors/forbidden.njk', { pageTitle: 'You cannot see this page' });
    if (status === 429) {
      return reply
        .status(429)
        .render('errors/bad-request.njk', { pageTitle: 'Too many requests', message: error.message });
    }
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .render('errors/bad-request.njk', { pageTitle: 'There is a problem', message: error.message });
    }
    return reply
      .status(500)
      .render('errors/server-error.njk', { pageTitle: 'Sorry, there is a problem with the service' });
  });

  // Routes come after the handlers above, so that every module's errors are rendered by them.
  for (const module of services.capabilities) {
    if (module.routes) await app.register(module.routes(services));
  }

  return app;
}

/**
 * The SQLSTATE of a PostgreSQL data exception (class 22: a number out of range, text with a NUL,
 * a date that is not one) behind an error, wrapped or not; null for any other error.
 */
function dataExceptionCode(error: unknown): string | null {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 3; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return code;
    cause = cause.cause;
  }
  return null;
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  if (isApi(request)) return reply.status(404).send({ error: 'Not Found' });
  return reply.status(404).render('errors/not-found.njk', { pageTitle: 'Page not found' });
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

export type App = FastifyInstance;
