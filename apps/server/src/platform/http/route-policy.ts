import type { RouteOptions } from 'fastify';

/** onRoute hook: an /api route without a declared policy fails at startup, not in production. */
export function requireRoutePolicy(route: RouteOptions): void {
  if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && !route.config?.policy) {
    throw new Error(`route ${route.method} ${route.url} has no policy`);
  }
}
