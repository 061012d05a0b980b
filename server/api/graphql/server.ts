// GraphQL over HTTP at /api/graphql with Apollo Server, behind the same token authentication as
// REST. Query limits: depth, and a cost (complexity) budget per operation.
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { Hono } from 'hono';
import { GraphQLError } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { AuthEnv } from '../rest/auth.js';
import type { EditService } from '../../services/edit-service.js';
import type { MetadataService } from '../../services/metadata-service.js';
import { createContext, type GraphQLContext } from './context.js';
import { discoveryResolvers, discoveryTypeDefs, type DiscoveryServices } from './discovery.js';
import { guard, resolvers } from './resolvers.js';
import { typeDefs } from './schema.js';
import { uiResolvers, uiTypeDefs } from './ui.js';

export const MAX_DEPTH = 10;
export const MAX_COST = 5000;

export async function mountGraphQL(
  app: Hono<AuthEnv>,
  services: { metadata: MetadataService; edits: EditService } & DiscoveryServices,
): Promise<() => Promise<void>> {
  const discovery = discoveryResolvers(services, (ctx) => guard(ctx, 'read'));
  const server = new ApolloServer<GraphQLContext>({
    typeDefs: [typeDefs, discoveryTypeDefs, uiTypeDefs],
    resolvers: [resolvers, discovery, uiResolvers((ctx) => guard(ctx, 'read'))],
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The commands own SIGINT/SIGTERM and close everything in order (HTTP, GraphQL, store, indexes);
    // Apollo's own handler would stop GraphQL and re-raise the signal, killing the process before
    // the store is closed and the search snapshot written.
    stopOnTerminationSignals: false,
    validationRules: [depthLimit(MAX_DEPTH)],
    plugins: [
      {
        // The cost needs the request's variables, so it is computed once the operation is resolved.
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, schema }) {
              const cost = getComplexity({
                schema,
                query: document,
                operationName: request.operationName,
                variables: request.variables ?? {},
                estimators: [simpleEstimator({ defaultComplexity: 1 })],
              });
              if (cost > MAX_COST) {
                throw new GraphQLError(`query cost ${cost} exceeds the limit of ${MAX_COST}; ask for fewer fields or smaller pages`, {
                  extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
                });
              }
            },
          };
        },
      },
    ],
  });
  await server.start();

  app.on(['GET', 'POST'], '/api/graphql', async (c) => {
    const headers = new HeaderMap();
    c.req.raw.headers.forEach((v, k) => headers.set(k, v));
    const body = c.req.method === 'POST' ? await c.req.json().catch(() => null) : undefined;
    const res = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: c.req.method, headers, search: new URL(c.req.url).search, body },
      context: async () => createContext(c.var.principal, services.metadata, services.edits),
    });
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of res.headers) outHeaders[k] = v;
    if (res.body.kind === 'complete') return new Response(res.body.string, { status: res.status ?? 200, headers: outHeaders });
    let text = '';
    for await (const chunk of res.body.asyncIterator) text += chunk;
    return new Response(text, { status: res.status ?? 200, headers: outHeaders });
  });
  return () => server.stop();
}
