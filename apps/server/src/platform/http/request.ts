import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import type { RequestMeta } from './context';
import { errors } from './errors';

export function requestMeta(req: FastifyRequest): RequestMeta {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
}

/** The actor on a route whose policy guarantees one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw errors.unauthenticated();
  return req.actor;
}
