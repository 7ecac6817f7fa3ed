import type { ApiOperation } from './types';

/** The series endpoints under /api/v1, for the OpenAPI document. */
export const seriesOperations: ApiOperation[] = [];
