import type { ApiOperation } from './types';

/** The meetings endpoints under /api/v1, for the OpenAPI document. */
export const meetingOperations: ApiOperation[] = [];
