import type { ApiOperation } from './types';

/** The agenda endpoints under /api/v1, for the OpenAPI document. */
export const agendaOperations: ApiOperation[] = [];
