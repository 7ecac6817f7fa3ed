import type { ParamMatcher } from '@sveltejs/kit';
import { parseMeetingNumber } from '../lib/domain/meeting-address';

/** A meeting's number in an address (`…/2`): anything else is no route, so the router answers 404. */
export const match = ((value: string) => parseMeetingNumber(value) !== undefined) satisfies ParamMatcher;
