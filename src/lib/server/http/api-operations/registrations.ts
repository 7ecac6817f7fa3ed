import { z } from 'zod';
import { registrationStatuses } from '../../../domain/registration-rules';
import { RegisterForMeeting } from '../../services/registration';
import type { ApiOperation } from './types';

const RegistrationAccepted = z.object({
	status: z.enum(registrationStatuses),
	/** The meeting is full: after confirming, the person is on the waiting list. */
	isFull: z.boolean()
});

/** The registration endpoints under /api/v1, for the OpenAPI document. */
export const registrationOperations: ApiOperation[] = [
	{
		id: 'registerForMeeting',
		method: 'post',
		path: '/meetings/{series}/{number}/registrations',
		summary:
			'Register a person for a published meeting (double opt-in: a confirmation mail goes out; rate-limited; the same email twice is a conflict)',
		tag: 'registrations',
		isPublic: true,
		request: RegisterForMeeting.omit({ website: true }),
		response: RegistrationAccepted,
		successStatus: 202,
		successDescription: 'Accepted: the registration is pending until the link in the mail is followed'
	}
];
