import { readRoutes } from './read-routes.ts';
import type { ApiRoute } from './route-support.ts';
import { writeRoutes } from './write-routes.ts';

export { errorReply, isReplyError } from './route-support.ts';
export type { ApiRoute, Blob, Reply, RouteContext } from './route-support.ts';

// {path} and {ref} may contain slashes; every other parameter is one segment.
const compile = (route: string): RegExp =>
  new RegExp(
    `^${route.slice(route.indexOf(' ') + 1).replace(/\{(\w+)\}/g, (_match, name: string) => (name === 'path' || name === 'ref' ? `(?<${name}>.+)` : `(?<${name}>[^/]+)`))}$`,
  );

export const apiRoutes: ApiRoute[] = [...readRoutes, ...writeRoutes].map((route) => ({
  ...route,
  pattern: compile(route.route),
}));
