import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import { today } from '../domain/today.ts';
import type { OrganisationRecord } from './types.ts';
import type { Services } from '../services.ts';

/**
 * A page as it was sent, as bytes cut where its nonce and form token were: the pieces between are
 * sent as they are, joined by this response's own.
 */
interface KeptPage {
  pieces: (Buffer | 'nonce' | 'csrfToken')[];
  bytes: number;
  /** Its content type: a page, or an image of figures (a chart served on its own). */
  type?: string;
}

/** Cuts a page at every occurrence of its nonce and form token. */
export function cutPage(html: string, tokens: { nonce: string; csrfToken: string }): KeptPage {
  const pieces: KeptPage['pieces'] = [];
  let bytes = 0;
  let at = 0;
  for (;;) {
    const nonceAt = html.indexOf(tokens.nonce, at);
    const csrfAt = html.indexOf(tokens.csrfToken, at);
    const next = nonceAt === -1 ? csrfAt : csrfAt === -1 ? nonceAt : Math.min(nonceAt, csrfAt);
    const piece = Buffer.from(html.slice(at, next === -1 ? undefined : next));
    pieces.push(piece);
    bytes += piece.length;
    if (next === -1) return { pieces, bytes };
    const token = next === nonceAt ? 'nonce' : 'csrfToken';
    pieces.push(token);
    at = next + tokens[token].length;
  }
}

/** The kept page with this response's nonce and form token. */
export function joinPage(page: KeptPage, tokens: { nonce: string; csrfToken: string }): Buffer {
  const nonce = Buffer.from(tokens.nonce);
  const csrfToken = Buffer.from(tokens.csrfToken);
  return Buffer.concat(page.pieces.map((p) => (p === 'nonce' ? nonce : p === 'csrfToken' ? csrfToken : p)));
}

/** The key of a page's key with another address: everything else it is kept under is the same. */
function keyAt(key: string, url: string): string {
  const [, ...rest] = JSON.parse(key) as unknown[];
  return JSON.stringify([url, ...rest]);
}

/**
 * Keeps, along with the page being made, what its own address (a chart's) would send, worked out
 * from the figures the page already has, so that the browser's request for it is not worked out
 * again. Nothing is made when the page is not being kept.
 */
export async function keepAlongside(
  request: FastifyRequest,
  url: string,
  type: string,
  make: () => Promise<string>,
): Promise<void> {
  if (request.figuresCacheKey === null) return;
  request.keptAlongside = [...(request.keptAlongside ?? []), { url, type, body: await make() }];
}

/** For a kept image, which has neither. */
const NO_TOKENS = { nonce: '', csrfToken: '' };

/**
 * The version of an organisation's figures on a day, once they are up to date: the absence
 * report module's, given by the composition root.
 */
export type FiguresVersion = (
  database: Services['database'],
  organisation: OrganisationRecord,
  today: string,
) => Promise<number>;

/** How much page the cache of each server process holds, in bytes. */
export const FIGURES_CACHE_BYTES = 96 * 1024 * 1024;

/**
 * Keeps the pages of figures (routes with `config.cache: 'figures'`: the absence report, the
 * scorecard, hotspots and its funnel plot, trends, reasons and cost) so that the same page asked
 * for again is sent without being worked out again. A page is kept under everything it is made from:
 *
 * - the address with its query;
 * - the organisation's figures version (`figuresVersion`), which moves on with any change to
 *   its absences, people, terms, units or bank holidays, having first brought its summary up to
 *   date;
 * - today's date (rolling periods end today);
 * - the organisation as on record (its target, hours, on-cost rate and name);
 * - the person asking: their account, name, roles and organisations, which decide what the page
 *   shows (small numbers are suppressed outside HR) and its navigation.
 *
 * So a kept page is only ever sent to the person it was made for, and never once anything it
 * shows has changed. The nonce of its scripts and its forms' token are made afresh for each
 * response. Downloads (`format` in the query) and pages with a message to show are not kept;
 * every response is still audited as the route says.
 */
export function figuresCache(
  services: Services,
  figuresVersion: FiguresVersion,
  maxBytes = FIGURES_CACHE_BYTES,
) {
  return fp(async (app) => {
    const pages = new LRUCache<string, KeptPage>({
      maxSize: maxBytes,
      sizeCalculation: (page) => page.bytes + 64 * page.pieces.length,
    });
    app.decorateRequest('figuresCacheKey', null);
    app.decorateRequest('keptAlongside', null);
    app.decorateRequest('renderedWith', null);

    app.addHook('preHandler', async (request, reply) => {
      if (request.routeOptions.config?.cache !== 'figures' || request.method !== 'GET') return;
      const organisation = request.organisationRecord;
      const principal = request.principal;
      if (!organisation || !principal || request.session?.get('flash')) return;
      if ('format' in (request.query as Record<string, unknown>)) return;
      const day = today();
      const version = await figuresVersion(services.database, organisation, day);
      const key = JSON.stringify([
        request.url,
        version,
        day,
        organisation,
        principal.userId,
        principal.displayName,
        principal.grants,
        principal.organisations,
        [...principal.personIds],
      ]);
      const kept = pages.get(key);
      if (!kept) {
        request.figuresCacheKey = key;
        return;
      }
      if (kept.type) return reply.header('x-cache', 'hit').type(kept.type).send(joinPage(kept, NO_TOKENS));
      const page = joinPage(kept, { nonce: reply.cspNonce.script, csrfToken: reply.generateCsrf() });
      return reply.header('x-cache', 'hit').type('text/html; charset=utf-8').send(page);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      // Routes registered before this plugin have neither property.
      const key = request.figuresCacheKey ?? null;
      if (key === null) return payload;
      const made = request.renderedWith ?? null;
      if (made === null) {
        // Not a page: an image of figures, kept whole with its type.
        const type = reply.getHeader('content-type');
        if (reply.statusCode !== 200 || typeof type !== 'string' || type.startsWith('text/html'))
          return payload;
        if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
        void reply.header('x-cache', 'miss');
        const bytes = Buffer.from(payload);
        pages.set(key, { pieces: [bytes], bytes: bytes.length, type });
        return payload;
      }
      void reply.header('x-cache', 'miss');
      if (reply.statusCode === 200 && typeof payload === 'string' && made.nonce && made.csrfToken) {
        pages.set(key, cutPage(payload, made));
        for (const { url, type, body } of request.keptAlongside ?? []) {
          const bytes = Buffer.from(body);
          pages.set(keyAt(key, url), { pieces: [bytes], bytes: bytes.length, type });
        }
      }
      return payload;
    });
  });
}
