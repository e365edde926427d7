/** The OpenAPI 3.1 document, written from the route declarations themselves. */
import { z } from 'zod';
import type { AnyRoute } from './api.js';

type Json = Record<string, unknown>;

/** A schema with its $defs moved into components (so shared shapes appear once). */
function schemaOf(schema: z.ZodType, components: Record<string, unknown>, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  const defs = (json.$defs ?? {}) as Record<string, unknown>;
  delete json.$defs;
  delete json.$schema;
  const rewrite = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replaceAll('"#/$defs/', '"#/components/schemas/'));
  for (const [k, v] of Object.entries(defs)) components[k] = rewrite(v);
  const top = rewrite(json) as Json;
  // A schema that is itself a named one becomes a reference.
  const id = (schema.meta() as { id?: string } | undefined)?.id;
  if (id) {
    components[id] = top;
    return { $ref: `#/components/schemas/${id}` };
  }
  return top;
}

function parameters(obj: z.ZodObject<z.ZodRawShape> | undefined, where: 'path' | 'query', components: Record<string, unknown>): Json[] {
  if (!obj) return [];
  return Object.entries(obj.shape).map(([name, s]) => {
    const schema = schemaOf(s as z.ZodType, components, 'input');
    const description = (schema.description as string | undefined) ?? (s as z.ZodType).description;
    return { name, in: where, required: where === 'path' || !(s as z.ZodType).safeParse(undefined).success, schema, ...(description ? { description } : {}) };
  });
}

export function openApiDocument(routes: AnyRoute[], version: string): Json {
  const components: Record<string, unknown> = {};
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const op: Json = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      operationId: `${r.method}${r.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      'x-access': r.access,
      security: r.access === 'public' ? [{}, { cookieAuth: [] }, { bearerAuth: [] }] : [{ cookieAuth: [], csrfToken: [] }, { bearerAuth: [] }],
      parameters: [...parameters(r.params, 'path', components), ...parameters(r.query, 'query', components)],
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, resp]) => [
          status,
          { description: resp.description, ...(resp.schema || resp.mediaType ? { content: { [resp.mediaType ?? 'application/json']: resp.schema ? { schema: schemaOf(resp.schema, components, 'output') } : {} } } : {}) },
        ]),
      ),
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body, components, 'input') } } };
    if (r.upload) op.requestBody = { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
    paths[r.path] = { ...(paths[r.path] ?? {}), [r.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'budgetbook API',
      version,
      description: '部门预算的存储、工作流与公开。金额一律为整数“分”。错误的回答为 {"error": {"code", "message", "hint"}}，message 与 hint 为中文。说明见 docs/API.md。',
    },
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: 'bb_session', description: '登录后设置的 HTTP-only 会话 Cookie' },
        csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: '以 Cookie 登录时，修改类请求须带登录返回的 csrfToken' },
        bearerAuth: { type: 'http', scheme: 'bearer', description: '登录返回的 token' },
      },
    },
  };
}
