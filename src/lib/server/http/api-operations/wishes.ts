import { z } from 'zod';
import { wishStatuses } from '../../../domain/wishes/rules';
import { SubmitWish } from '../../services/wishes-contributions';
import { TriageWish } from '../../services/wishes-triage';
import type { ApiOperation } from './types';

const WishSubmitted = z.object({
	id: z.uuid().nullable(),
	/** An email was given: the author follows the wish once the link in the mail is followed. */
	isConfirmMailSent: z.boolean()
});

const WishTriaged = z.object({
	status: z.enum(wishStatuses),
	/** Followers mailed now (only when the wish became planned). */
	notified: z.number().int()
});

/** The topic wish endpoints under /api/v1, for the OpenAPI document. */
export const wishOperations: ApiOperation[] = [
	{
		id: 'listWishes',
		method: 'get',
		path: '/series/{series}/wishes',
		summary:
			'The topic wishes of a visible series, open ones first and most votes first (authors named only with their consent, emails never)',
		tag: 'wishes',
		isPublic: true
	},
	{
		id: 'submitWish',
		method: 'post',
		path: '/series/{series}/wishes',
		summary:
			'Submit a topic wish to a published series, as the form does (rate-limited per client address; with an email the author follows the wish after confirming a link)',
		tag: 'wishes',
		isPublic: true,
		request: SubmitWish.omit({ website: true }),
		response: WishSubmitted,
		successStatus: 201,
		successDescription: 'The wish as stored'
	},
	{
		id: 'triageWish',
		method: 'post',
		path: '/series/{series}/wishes/{wish}/status',
		summary:
			"Organizers: move a wish to new, planned, taken-up or declined (declining needs a reason, shown publicly; planned mails the wish's followers once)",
		tag: 'wishes',
		request: TriageWish,
		response: WishTriaged
	}
];
