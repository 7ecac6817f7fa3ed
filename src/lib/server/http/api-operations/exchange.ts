import type { ApiOperation } from './types';

/** The exchange endpoints under /api/v1, for the OpenAPI document. */
export const exchangeOperations: ApiOperation[] = [];
