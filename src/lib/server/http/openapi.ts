import { z } from 'zod';
import { agendaOperations } from './api-operations/agenda';
import { documentationOperations } from './api-operations/documentation';
import { exchangeOperations } from './api-operations/exchange';
import { liveOperations } from './api-operations/live';
import { meetingOperations } from './api-operations/meetings';
import { networkOperations } from './api-operations/networks';
import { registrationOperations } from './api-operations/registrations';
import { seriesOperations } from './api-operations/series';
import type { ApiOperation } from './api-operations/types';
import { breakoutOperations } from './api-operations/breakouts';
import { wishOperations } from './api-operations/wishes';
import { goodPracticeOperations } from './api-operations/good-practice';

/**
 * The OpenAPI 3.1 document at /api/v1/openapi.json, generated from the same Zod schemas the
 * endpoints validate with. Each area lists its operations in ./api-operations/.
 */
export const allOperations: ApiOperation[] = [
	...seriesOperations,
	...meetingOperations,
	...agendaOperations,
	...exchangeOperations,
	...documentationOperations,
	...registrationOperations,
	...liveOperations,
	...networkOperations,
	...breakoutOperations,
	...wishOperations,
	...goodPracticeOperations
];

const ProblemSchema = z.object({
	type: z.string(),
	title: z.string(),
	status: z.number().int(),
	detail: z.string().optional(),
	errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
	requestId: z.string().optional()
});

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
	const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<
		string,
		unknown
	>;
	delete generated.$schema;
	return generated;
}

export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const operation of allOperations) {
		const parameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
			name: match[1],
			in: 'path',
			required: true,
			schema: { type: match[1] === 'number' ? 'integer' : 'string' }
		}));
		const responses: Record<string, unknown> = {
			[String(operation.successStatus ?? 200)]: {
				description: operation.successDescription ?? 'OK',
				content: operation.response
					? {
							[operation.responseMediaType ?? 'application/json']: {
								schema: schemaOf(operation.response, 'output')
							}
						}
					: undefined
			},
			default: {
				description: 'An error, as a problem document (RFC 9457)',
				content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
			}
		};
		paths[operation.path] ??= {};
		paths[operation.path]![operation.method] = {
			operationId: operation.id,
			summary: operation.summary,
			tags: [operation.tag],
			security: operation.isPublic ? [{}, { session: [] }, { token: [] }] : [{ session: [] }, { token: [] }],
			parameters: parameters.length ? parameters : undefined,
			requestBody: operation.request
				? {
						required: true,
						content: {
							[operation.requestMediaType ?? 'application/json']: {
								schema: schemaOf(operation.request, 'input')
							}
						}
					}
				: undefined,
			responses
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Netzwerkstatt API',
			version: '1.0.0',
			description:
				'Series, meetings, agendas, registrations, the documentation, the live meeting and the netzwerkstatt.meeting/v1 exchange format. Authenticate with the session cookie (same origin only for changes) or a personal API token: `Authorization: Bearer nws_…`. Live participants who joined as guests are recognized by the httpOnly cookie set when joining (same origin only for changes).'
		},
		servers: [{ url: `${serverUrl}/api/v1` }],
		paths: Object.fromEntries(Object.entries(paths).map(([path, methods]) => [path, methods])),
		components: {
			schemas: { Problem: schemaOf(ProblemSchema, 'output') },
			securitySchemes: {
				session: { type: 'apiKey', in: 'cookie', name: 'nws_session' },
				token: {
					type: 'http',
					scheme: 'bearer',
					description: 'A personal API token created under "API-Tokens".'
				}
			}
		}
	};
}
