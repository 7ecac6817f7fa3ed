import type { z } from 'zod';

/** One API operation as the OpenAPI document describes it. Paths are relative to /api/v1. */
export interface ApiOperation {
	id: string;
	method: 'get' | 'post' | 'put' | 'patch' | 'delete';
	path: string;
	summary: string;
	tag:
		| 'series'
		| 'meetings'
		| 'agenda'
		| 'exchange'
		| 'documentation'
		| 'registrations'
		| 'live'
		| 'networks'
		| 'breakouts'
		| 'wishes'
		| 'good-practice';
	/** Readable without signing in (for published content). */
	isPublic?: boolean;
	request?: z.ZodType;
	requestMediaType?: string;
	response?: z.ZodType;
	responseMediaType?: string;
	successStatus?: number;
	successDescription?: string;
}
