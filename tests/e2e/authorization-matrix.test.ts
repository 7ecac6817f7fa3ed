import { beforeAll, describe, expect, it } from 'vitest';
import { e2e, isE2eAvailable } from './browser';
import { addressOf, roles, seedMatrix, type MatrixSeed, type Role } from './authorization-matrix-seed';
import {
	openApiOperations,
	probe,
	routeIdsOf,
	routeOf,
	routeTreeOperations,
	type Answer,
	type Probe
} from './authorization-matrix-probe';

/**
 * The authorization matrix (issue 9): every page, form action, endpoint and API operation of the
 * route tree and of the OpenAPI document, asked by every role, against the built app over HTTP.
 * The answer's class is compared with the one table below; a route or action missing from the
 * table fails the test, so a new route must be added here.
 *
 * Cells: '2xx' success; 'login' a redirect to a sign-in page; '3xx' another redirect; a number the
 * status; 'denied' a refusal for the role: 401, 403 or a redirect to sign-in (form actions answer
 * an anonymous caller 403 today, 401 once failForm uses statusOf); 'allowed' means the role may do
 * this and the request is not sent: a change would alter the seed (its success is tested by its own
 * test), and the public sign-in, magic-link and registration posts count against per-address rate
 * limits or end the session (logout).
 *
 * Form actions are posted with an empty body as an enhanced form does (Accept: application/json),
 * so the answer is the action's own: a no-JavaScript post would also run the page's load
 * functions, whose sign-in redirect hides what the action did. API changes are sent as `{}`. Either
 * way the refusal must come before the body is validated (a 400 there is a finding).
 *
 * Roles, in the order of the columns: anonymous; guest (joined the live session with a guest
 * cookie); participant (signed in, confirmed registration for the meeting, not joined live);
 * moderator (of another organization's meeting); otherOrganizer (of another organization);
 * organizer (of the meeting's organization); admin.
 */

type Cell = Answer | 'denied' | 'allowed';
type Cells = readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell];

interface Row {
	/** The concrete request, from the seed. */
	path: (seed: MatrixSeed) => string;
	expect: Cells;
	/** The body of an API change, valid for the operation (so that only the role decides); `{}` else. */
	body?: (seed: MatrixSeed) => unknown;
	/**
	 * Rows that change who has joined the live session (signed-in viewers join on their first
	 * visit) are asked after the others, in this order: 2, then 3.
	 */
	phase?: 2 | 3;
}

const everyone = (cell: Cell): Cells => [cell, cell, cell, cell, cell, cell, cell];

const m = (seed: MatrixSeed) => `/manage/series/${seed.series}/meetings/${seed.meeting}`;
const api = (seed: MatrixSeed) => `/api/v1/meetings/${seed.series}/${seed.meeting}`;
const pub = (seed: MatrixSeed) => `/series/${seed.series}/${seed.meeting}`;
const BAD_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** Keys: `METHOD route-id`, `POST route-id?/action` for named form actions; ` (…)` marks a variant. */
// prettier-ignore
const table: Record<string, Row> = {
	// Columns: anonymous, guest, participant, moderator, otherOrganizer, organizer, admin.
	// ---- public pages
	'GET /':                                               { path: () => '/', expect: everyone('2xx') },
	'GET /healthz':                                        { path: () => '/healthz', expect: everyone('2xx') },
	'GET /language/[locale]':                              { path: () => '/language/en?next=/', expect: everyone('3xx') },
	'GET /login':                                          { path: () => '/login', expect: ['2xx', '2xx', '3xx', '3xx', '3xx', '3xx', '3xx'] },
	'POST /login':                                         { path: () => '/login', expect: everyone('allowed') },
	'GET /login/link':                                     { path: () => '/login/link', expect: everyone('2xx') },
	'POST /login/link':                                    { path: () => '/login/link', expect: everyone('allowed') },
	'GET /login/link/[token]':                             { path: () => `/login/link/${BAD_TOKEN}`, expect: everyone('2xx') },
	'POST /login/link/[token]':                            { path: () => `/login/link/${BAD_TOKEN}`, expect: everyone(404) },
	'GET /logout':                                         { path: () => '/logout', expect: everyone('2xx') },
	'POST /logout':                                        { path: () => '/logout', expect: everyone('allowed') },
	'GET /series/[series]':                                { path: (s) => `/series/${s.series}`, expect: everyone('2xx') },
	'GET /series/[series]/calendar.ics':                   { path: (s) => `/series/${s.series}/calendar.ics`, expect: everyone('2xx') },
	'GET /series/[series]/[number=meetingnumber]':                       { path: pub, expect: everyone('2xx') },
	'GET /series/[series]/[number=meetingnumber] (draft)':               { path: (s) => `/series/${s.series}/${s.draft}`, expect: [404, 404, 404, 404, 404, '2xx', '2xx'] },
	'GET /series/[series]/[number=meetingnumber]/calendar.ics':          { path: (s) => `${pub(s)}/calendar.ics`, expect: everyone('2xx') },
	'GET /series/[series]/[number=meetingnumber]/calendar.ics (draft)':  { path: (s) => `/series/${s.series}/${s.draft}/calendar.ics`, expect: [404, 404, 404, 404, 404, '2xx', '2xx'] },
	'GET /series/[series]/[number=meetingnumber]/documentation':         { path: (s) => `${pub(s)}/documentation`, expect: everyone(404) },
	'GET /series/[series]/[number=meetingnumber]/documentation (preview)': { path: (s) => `${pub(s)}/documentation?preview=1`, expect: [404, 404, 404, 404, 404, '2xx', '2xx'] },
	'GET /series/[series]/[number=meetingnumber]/register':              { path: (s) => `${pub(s)}/register`, expect: everyone('2xx') },
	'GET /series/[series]/[number=meetingnumber]/register (draft)':      { path: (s) => `/series/${s.series}/${s.draft}/register`, expect: [404, 404, 404, 404, 404, '2xx', '2xx'] },
	'POST /series/[series]/[number=meetingnumber]/register':             { path: (s) => `${pub(s)}/register`, expect: everyone('allowed') },
	'GET /files/[id]':                                     { path: (s) => `/files/${s.fileId}`, expect: [404, 404, 404, 404, 404, '2xx', '2xx'] },
	'GET /files/[id] (in the published documentation)':  { path: (s) => `/files/${s.listedFileId}`, expect: everyone('2xx') },
	// issue 9: a file is public only when the published documentation version lists it (was 2xx for everyone)
	'GET /files/[id] (uploaded after the published version)': { path: (s) => `/files/${s.unlistedFileId}`, expect: [404, 404, 404, 404, 404, '2xx', '2xx'] },
	'GET /series/[series]/[number=meetingnumber]/documentation (published)': { path: (s) => `/series/${s.series}/${s.documented}/documentation`, expect: everyone('2xx') },

	// ---- topic wishes and good practice (issue 12). Public writes are rate-limited per address: not sent.
	'GET /series/[series]/wuensche':                       { path: (s) => `/series/${s.series}/wuensche`, expect: everyone('2xx') },
	'POST /series/[series]/wuensche':                      { path: (s) => `/series/${s.series}/wuensche`, expect: everyone('allowed') },
	'GET /series/[series]/wuensche/[wish]':                { path: (s) => `/series/${s.series}/wuensche/${NO_SUCH_ID}`, expect: everyone(404) },
	'POST /series/[series]/wuensche/[wish]?/vote':         { path: (s) => `/series/${s.series}/wuensche/${NO_SUCH_ID}?/vote`, expect: everyone('allowed') },
	'POST /series/[series]/wuensche/[wish]?/follow':       { path: (s) => `/series/${s.series}/wuensche/${NO_SUCH_ID}?/follow`, expect: everyone('allowed') },
	'POST /series/[series]/wuensche/[wish]?/comment':      { path: (s) => `/series/${s.series}/wuensche/${NO_SUCH_ID}?/comment`, expect: everyone('allowed') },
	'POST /series/[series]/wuensche/[wish]?/deleteComment': { path: (s) => `/series/${s.series}/wuensche/${NO_SUCH_ID}?/deleteComment`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /series/[series]/wuensche/bestaetigen/[token]':   { path: (s) => `/series/${s.series}/wuensche/bestaetigen/${BAD_TOKEN}`, expect: everyone('2xx') },
	'POST /series/[series]/wuensche/bestaetigen/[token]':  { path: (s) => `/series/${s.series}/wuensche/bestaetigen/${BAD_TOKEN}`, expect: everyone(404) },
	// ---- the network directory: public pages; any organizer (and admins) manage it
	'GET /netzwerke':                                      { path: () => '/netzwerke', expect: everyone('2xx') },
	'GET /netzwerke/[entry]':                              { path: () => `/netzwerke/${NO_SUCH_ID}`, expect: everyone(404) },
	'GET /netzwerke/vorschlagen':                          { path: () => '/netzwerke/vorschlagen', expect: everyone('2xx') },
	'POST /netzwerke/vorschlagen':                         { path: () => '/netzwerke/vorschlagen', expect: everyone('allowed') },
	'GET /manage/netzwerke':                               { path: () => '/manage/netzwerke', expect: ['login', 'login', 403, 403, '2xx', '2xx', '2xx'] },
	'POST /manage/netzwerke?/import':                      { path: () => '/manage/netzwerke?/import', expect: ['denied', 'denied', 'denied', 'denied', 'allowed', 'allowed', 'allowed'] },
	'GET /manage/netzwerke/neu':                           { path: () => '/manage/netzwerke/neu', expect: ['login', 'login', 403, 403, '2xx', '2xx', '2xx'] },
	'POST /manage/netzwerke/neu':                          { path: () => '/manage/netzwerke/neu', expect: ['denied', 'denied', 'denied', 'denied', 'allowed', 'allowed', 'allowed'] },
	'GET /manage/netzwerke/[id]':                          { path: () => `/manage/netzwerke/${NO_SUCH_ID}`, expect: ['login', 'login', 403, 403, 404, 404, 404] },
	'POST /manage/netzwerke/[id]?/save':                  { path: () => `/manage/netzwerke/${NO_SUCH_ID}?/save`, expect: ['denied', 'denied', 'denied', 'denied', 'allowed', 'allowed', 'allowed'] },
	'POST /manage/netzwerke/[id]?/status':                { path: () => `/manage/netzwerke/${NO_SUCH_ID}?/status`, expect: ['denied', 'denied', 'denied', 'denied', 'allowed', 'allowed', 'allowed'] },
	'POST /manage/netzwerke/[id]?/merge':                 { path: () => `/manage/netzwerke/${NO_SUCH_ID}?/merge`, expect: ['denied', 'denied', 'denied', 'denied', 'allowed', 'allowed', 'allowed'] },
	'POST /manage/netzwerke/[id]?/link':                  { path: () => `/manage/netzwerke/${NO_SUCH_ID}?/link`, expect: ['denied', 'denied', 'denied', 'denied', 'allowed', 'allowed', 'allowed'] },
	'POST /manage/netzwerke/[id]?/unlink':                { path: () => `/manage/netzwerke/${NO_SUCH_ID}?/unlink`, expect: ['denied', 'denied', 'denied', 'denied', 'allowed', 'allowed', 'allowed'] },
	'GET /api/v1/networks':                                { path: () => '/api/v1/networks', expect: everyone('2xx') },
	'GET /api/v1/networks/[entry]':                        { path: () => `/api/v1/networks/${NO_SUCH_ID}`, expect: everyone(404) },
	'GET /api/v1/networks/export.[format]':                { path: () => '/api/v1/networks/export.csv', expect: everyone('2xx') },
	// ---- breakout rounds: the meeting's organizers and moderators manage them; room members use the boards.
	// No round exists in the seed: a signed-in caller asking for a card or board by id learns only that it does not exist.
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/breakouts': { path: (s) => `${m(s)}/breakouts`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts?/create': { path: (s) => `${m(s)}/breakouts?/create`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts?/findings': { path: (s) => `${m(s)}/breakouts?/findings`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}`, expect: ['login', 'login', 403, 403, 403, 404, 404] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]?/save': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}?/save`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]?/delete': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}?/delete`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]?/assign': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}?/assign`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]?/move': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}?/move`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]?/room': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}?/room`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/synthesis': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/synthesis`, expect: ['login', 'login', 403, 403, 403, 404, 404] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/synthesis?/cluster': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/synthesis?/cluster`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/synthesis?/deleteCluster': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/synthesis?/deleteCluster`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/synthesis?/assign': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/synthesis?/assign`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/synthesis?/synthesis': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/synthesis?/synthesis`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/synthesis?/findings': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/synthesis?/findings`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/synthesis/export': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/synthesis/export`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 404, 404] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/overview': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/overview`, expect: ['login', 'login', 403, 403, 403, 404, 404] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/overview?/editCard': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/overview?/editCard`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/overview?/deleteCard': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/overview?/deleteCard`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/breakouts/[round]/export': { path: (s) => `${m(s)}/breakouts/${NO_SUCH_ID}/export?format=zoom`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 404, 404] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/breakouts': { path: (s) => `${api(s)}/breakouts`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', '2xx', '2xx'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts': { path: (s) => `${api(s)}/breakouts`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'PUT /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/findings': { path: (s) => `${api(s)}/breakouts/findings`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 404, 404] },
	'PATCH /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'DELETE /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/assignment': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/assignment`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/late-joiners': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/late-joiners`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/moves': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/moves`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/clusters': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/clusters`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'PUT /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/synthesis': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/synthesis`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/choice': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/choice`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/synthesis': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/synthesis`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 404, 404] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/start': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/start`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/end': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/end`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/broadcast': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/broadcast`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/extend': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/extend`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/overview': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/overview`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 404, 404] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/export': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/export?format=zoom`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 404, 404] },
	'DELETE /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/clusters/[cluster]': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/clusters/${NO_SUCH_ID}`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'PATCH /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/rooms/[room]': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/rooms/${NO_SUCH_ID}`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/rooms/[room]/cards': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/rooms/${NO_SUCH_ID}/cards`, expect: ['denied', 'denied', 404, 404, 404, 404, 404] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/rooms/[room]/cards': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/rooms/${NO_SUCH_ID}/cards`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'PATCH /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/cards/[card]': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/cards/${NO_SUCH_ID}`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'DELETE /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/cards/[card]': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/cards/${NO_SUCH_ID}`, expect: ['denied', 'denied', 404, 404, 404, 'allowed', 'allowed'] },
	'PUT /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/cards/[card]/cluster': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/cards/${NO_SUCH_ID}/cluster`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/cards/[card]/dot': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/cards/${NO_SUCH_ID}/dot`, expect: ['denied', 'denied', 404, 404, 404, 'allowed', 'allowed'] },
	'DELETE /api/v1/meetings/[series]/[number=meetingnumber]/breakouts/[round]/cards/[card]/dot': { path: (s) => `${api(s)}/breakouts/${NO_SUCH_ID}/cards/${NO_SUCH_ID}/dot`, expect: ['denied', 'denied', 404, 404, 404, 'allowed', 'allowed'] },
	'GET /gute-praxis':                                    { path: () => '/gute-praxis', expect: everyone('2xx') },
	'GET /gute-praxis/[id]':                               { path: () => `/gute-praxis/${NO_SUCH_ID}`, expect: everyone(404) },
	'GET /manage/series/[series]/wuensche':                { path: (s) => `/manage/series/${s.series}/wuensche`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/wuensche?/triage':       { path: (s) => `/manage/series/${s.series}/wuensche?/triage`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/wuensche?/makeTopic':    { path: (s) => `/manage/series/${s.series}/wuensche?/makeTopic`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/gute-praxis':  { path: (s) => `${m(s)}/gute-praxis`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/gute-praxis': { path: (s) => `${m(s)}/gute-praxis`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	// Editing an entry (no entry in the seed: an unknown id, so signed-in people who pass /manage get 404; rights: tests/integration/good-practice.test.ts)
	'GET /manage/gute-praxis/[id]':                        { path: () => `/manage/gute-praxis/${NO_SUCH_ID}`, expect: ['login', 'login', 403, 404, 404, 404, 404] },
	'POST /manage/gute-praxis/[id]?/save':                 { path: () => `/manage/gute-praxis/${NO_SUCH_ID}?/save`, expect: ['denied', 'denied', 404, 404, 404, 404, 404] },
	'POST /manage/gute-praxis/[id]?/publish':              { path: () => `/manage/gute-praxis/${NO_SUCH_ID}?/publish`, expect: ['denied', 'denied', 404, 404, 404, 404, 404] },
	'POST /manage/gute-praxis/[id]?/unpublish':            { path: () => `/manage/gute-praxis/${NO_SUCH_ID}?/unpublish`, expect: ['denied', 'denied', 404, 404, 404, 404, 404] },
	'POST /manage/gute-praxis/[id]?/delete':               { path: () => `/manage/gute-praxis/${NO_SUCH_ID}?/delete`, expect: ['denied', 'denied', 404, 404, 404, 404, 404] },

	// ---- registration links (the token is the authorization; a wrong one finds nothing)
	'GET /registrations/confirm/[token]':                  { path: () => `/registrations/confirm/${BAD_TOKEN}`, expect: everyone('2xx') },
	'POST /registrations/confirm/[token]':                 { path: () => `/registrations/confirm/${BAD_TOKEN}`, expect: everyone(404) },
	'GET /registrations/confirmed':                        { path: () => '/registrations/confirmed', expect: everyone('2xx') },
	'GET /registrations/deleted':                          { path: () => '/registrations/deleted', expect: everyone('2xx') },
	'GET /registrations/manage/[token]':                   { path: () => `/registrations/manage/${BAD_TOKEN}`, expect: everyone('2xx') },
	'POST /registrations/manage/[token]?/consents':        { path: () => `/registrations/manage/${BAD_TOKEN}?/consents`, expect: everyone(404) },
	'POST /registrations/manage/[token]?/cancel':          { path: () => `/registrations/manage/${BAD_TOKEN}?/cancel`, expect: everyone(404) },
	'POST /registrations/manage/[token]?/delete':          { path: () => `/registrations/manage/${BAD_TOKEN}?/delete`, expect: everyone(404) },
	'GET /registrations/manage/[token]/data.json':         { path: () => `/registrations/manage/${BAD_TOKEN}/data.json`, expect: everyone(404) },

	// ---- live (guest: joined; signed-in viewers join on their first visit of the page)
	'GET /live':                                           { path: () => '/live', expect: everyone('2xx') },
	'POST /live':                                          { path: () => '/live', expect: everyone(400) },
	'GET /live/[code]/events':                             { path: (s) => `/live/${s.code}/events`, expect: [403, '2xx', 403, 403, 403, '2xx', '2xx'] },
	'POST /live/[code]?/join':                             { path: (s) => `/live/${s.code}?/join`, expect: [400, 'allowed', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed'] },
	'POST /live/[code]?/vote':                             { path: (s) => `/live/${s.code}?/vote`, expect: ['denied', 400, 'denied', 'denied', 'denied', 'denied', 'denied'], phase: 2 },
	'POST /live/[code]?/addCard':                          { path: (s) => `/live/${s.code}?/addCard`, expect: ['denied', 'allowed', 'allowed', 'denied', 'denied', 'allowed', 'allowed'], phase: 2 },
	'POST /live/[code]?/editCard':                         { path: (s) => `/live/${s.code}?/editCard`, expect: ['denied', 'allowed', 'allowed', 'denied', 'denied', 'allowed', 'allowed'], phase: 2 },
	'POST /live/[code]?/deleteCard':                       { path: (s) => `/live/${s.code}?/deleteCard`, expect: ['denied', 'allowed', 'allowed', 'denied', 'denied', 'allowed', 'allowed'], phase: 2 },
	'POST /live/[code]?/dot':                              { path: (s) => `/live/${s.code}?/dot`, expect: ['denied', 'allowed', 'allowed', 'denied', 'denied', 'allowed', 'allowed'], phase: 2 },
	'POST /live/[code]?/undot':                            { path: (s) => `/live/${s.code}?/undot`, expect: ['denied', 'allowed', 'allowed', 'denied', 'denied', 'allowed', 'allowed'], phase: 2 },
	'POST /live/[code]?/chooseRoom':                       { path: (s) => `/live/${s.code}?/chooseRoom`, expect: ['denied', 'allowed', 'allowed', 'denied', 'denied', 'denied', 'denied'], phase: 2 },
	'GET /live/[code]':                                    { path: (s) => `/live/${s.code}`, expect: everyone('2xx'), phase: 3 },
	'GET /live/[code]/projector':                          { path: (s) => `/live/${s.code}/projector`, expect: ['3xx', '2xx', '2xx', '2xx', '2xx', '2xx', '2xx'], phase: 3 },

	// ---- own account and data
	'GET /account/tokens':                                 { path: () => '/account/tokens', expect: ['login', 'login', '2xx', '2xx', '2xx', '2xx', '2xx'] },
	'POST /account/tokens?/create':                        { path: () => '/account/tokens?/create', expect: ['denied', 'denied', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed'] },
	'POST /account/tokens?/revoke':                        { path: () => '/account/tokens?/revoke', expect: ['denied', 'denied', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed'] },
	'GET /my/data':                                        { path: () => '/my/data', expect: ['login', 'login', '2xx', '2xx', '2xx', '2xx', '2xx'] },
	'POST /my/data?/delete':                               { path: () => '/my/data?/delete', expect: ['denied', 'denied', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed'] },
	'GET /my/data/data.json':                              { path: () => '/my/data/data.json', expect: [401, 401, '2xx', '2xx', '2xx', '2xx', '2xx'] },
	'GET /my/meetings':                                    { path: () => '/my/meetings', expect: ['login', 'login', '2xx', '2xx', '2xx', '2xx', '2xx'] },
	'POST /my/meetings?/manage':                           { path: () => '/my/meetings?/manage', expect: ['denied', 'denied', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed'] },

	// ---- administration
	'GET /admin':                                          { path: () => '/admin', expect: ['login', 'login', 403, 403, 403, 403, '2xx'] },
	'GET /admin/audit':                                    { path: () => '/admin/audit', expect: [401, 401, 403, 403, 403, 403, '2xx'] },
	'GET /admin/accounts/new':                             { path: () => '/admin/accounts/new', expect: ['login', 'login', 403, 403, 403, 403, '2xx'] },
	'POST /admin/accounts/new':                            { path: () => '/admin/accounts/new', expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'allowed'] },
	'GET /admin/accounts/[account]':                       { path: (s) => `/admin/accounts/${s.accountId}`, expect: ['login', 'login', 403, 403, 403, 403, '2xx'] },
	'POST /admin/accounts/[account]?/memberships':         { path: (s) => `/admin/accounts/${s.accountId}?/memberships`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'allowed'] },
	'POST /admin/accounts/[account]?/admin':               { path: (s) => `/admin/accounts/${s.accountId}?/admin`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'allowed'] },
	'POST /admin/accounts/[account]?/status':              { path: (s) => `/admin/accounts/${s.accountId}?/status`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'allowed'] },
	'GET /admin/organizations/new':                        { path: () => '/admin/organizations/new', expect: ['login', 'login', 403, 403, 403, 403, '2xx'] },
	'POST /admin/organizations/new':                       { path: () => '/admin/organizations/new', expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'allowed'] },
	'GET /admin/organizations/[organization]':             { path: (s) => `/admin/organizations/${s.organizationId}`, expect: ['login', 'login', 403, 403, 403, 403, '2xx'] },
	'POST /admin/organizations/[organization]':            { path: (s) => `/admin/organizations/${s.organizationId}`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'denied', 'allowed'] },

	// ---- management (organizers of the organization and admins; the cockpit also for the meeting's moderators)
	'GET /manage':                                         { path: () => '/manage', expect: ['login', 'login', 403, 403, '2xx', '2xx', '2xx'] },
	'GET /manage/import':                                  { path: () => '/manage/import', expect: ['login', 'login', 403, 403, '2xx', '2xx', '2xx'] },
	// issue 9: rights are checked before the upload is read (was a 400 validation answer)
	'POST /manage/import':                                 { path: () => '/manage/import', expect: ['denied', 'denied', 'denied', 'denied', 'allowed', 'allowed', 'allowed'] },
	'GET /manage/outbox':                                  { path: () => '/manage/outbox', expect: ['login', 'login', 403, 403, '2xx', '2xx', '2xx'] },
	'GET /manage/outbox/[mail]':                           { path: () => '/manage/outbox/no-such-mail', expect: [401, 401, 404, 404, 404, 404, 404] },
	'GET /manage/series/new':                              { path: () => '/manage/series/new', expect: ['login', 'login', 403, 403, '2xx', '2xx', '2xx'] },
	'POST /manage/series/new':                             { path: () => '/manage/series/new', expect: ['denied', 'denied', 'denied', 'denied', 'allowed', 'allowed', 'allowed'] },
	'GET /manage/series/[series]':                         { path: (s) => `/manage/series/${s.series}`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]?/save':                  { path: (s) => `/manage/series/${s.series}?/save`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]?/publish':               { path: (s) => `/manage/series/${s.series}?/publish`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]?/unpublish':             { path: (s) => `/manage/series/${s.series}?/unpublish`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/new':            { path: (s) => `/manage/series/${s.series}/meetings/new`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/new':           { path: (s) => `/manage/series/${s.series}/meetings/new`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]':       { path: m, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	// issue 10: the meeting's moderator knows the draft, so is refused rather than not found (was 404)
	'GET /manage/series/[series]/meetings/[number=meetingnumber] (other meeting)': { path: (s) => `/manage/series/${s.otherSeries}/meetings/${s.otherMeeting}`, expect: ['login', 'login', 403, 403, '2xx', 404, '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]?/save':      { path: (s) => `${m(s)}?/save`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]?/publish':   { path: (s) => `${m(s)}?/publish`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]?/unpublish': { path: (s) => `${m(s)}?/unpublish`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/agenda':              { path: (s) => `${m(s)}/agenda`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/agenda?/add':         { path: (s) => `${m(s)}/agenda?/add`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/agenda?/update':      { path: (s) => `${m(s)}/agenda?/update`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/agenda?/delete':      { path: (s) => `${m(s)}/agenda?/delete`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/agenda?/move':        { path: (s) => `${m(s)}/agenda?/move`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/agenda?/reorder':     { path: (s) => `${m(s)}/agenda?/reorder`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/agenda?/copyPrevious': { path: (s) => `${m(s)}/agenda?/copyPrevious`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/attachments':         { path: (s) => `${m(s)}/attachments`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	// issue 9: rights are checked before the upload is read (was a 400 validation answer)
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/attachments?/upload': { path: (s) => `${m(s)}/attachments?/upload`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/attachments?/delete': { path: (s) => `${m(s)}/attachments?/delete`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/documentation':       { path: (s) => `${m(s)}/documentation`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/documentation?/saveTexts': { path: (s) => `${m(s)}/documentation?/saveTexts`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/documentation?/generate':  { path: (s) => `${m(s)}/documentation?/generate`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	// issue 9: publishDocumentation checks rights before its input (was a 400 validation answer)
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/documentation?/publish':   { path: (s) => `${m(s)}/documentation?/publish`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/documentation?/unpublish': { path: (s) => `${m(s)}/documentation?/unpublish`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	// issue 10: requireMeeting asks an anonymous caller to sign in before anything else (was 403)
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/export.json':         { path: (s) => `${m(s)}/export.json`, expect: [401, 401, 403, 403, 403, '2xx', '2xx'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/live':                { path: (s) => `${m(s)}/live`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	// issue 10: the moderated meeting is a draft; requireMeeting hides it from strangers (404, was 403)
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/live (moderated meeting)': { path: (s) => `/manage/series/${s.otherSeries}/meetings/${s.otherMeeting}/live`, expect: ['login', 'login', 403, '2xx', '2xx', 404, '2xx'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/live/results.[format=tableformat] (moderated meeting)': { path: (s) => `/manage/series/${s.otherSeries}/meetings/${s.otherMeeting}/live/results.xlsx`, expect: [401, 401, 404, '2xx', '2xx', 404, '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/live?/start':         { path: (s) => `${m(s)}/live?/start`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/live?/moderate':      { path: (s) => `${m(s)}/live?/moderate`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/live?/startRound': { path: (s) => `${m(s)}/live?/startRound`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/live?/endRound': { path: (s) => `${m(s)}/live?/endRound`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/live?/broadcast': { path: (s) => `${m(s)}/live?/broadcast`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/live/results.[format=tableformat]': { path: (s) => `${m(s)}/live/results.csv`, expect: [401, 401, 403, 403, 403, '2xx', '2xx'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/moderators':          { path: (s) => `${m(s)}/moderators`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/moderators?/grant':   { path: (s) => `${m(s)}/moderators?/grant`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/moderators?/revoke':  { path: (s) => `${m(s)}/moderators?/revoke`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/people':              { path: (s) => `${m(s)}/people`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/people?/add':         { path: (s) => `${m(s)}/people?/add`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/people/[key]':        { path: (s) => `${m(s)}/people/${s.personKey}`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/people/[key]?/save':  { path: (s) => `${m(s)}/people/${s.personKey}?/save`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/people/[key]?/remove': { path: (s) => `${m(s)}/people/${s.personKey}?/remove`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/polls':               { path: (s) => `${m(s)}/polls`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/polls?/create':       { path: (s) => `${m(s)}/polls?/create`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/polls/[poll]':        { path: (s) => `${m(s)}/polls/${s.pollKey}`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/polls/[poll]?/rename':         { path: (s) => `${m(s)}/polls/${s.pollKey}?/rename`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/polls/[poll]?/delete':         { path: (s) => `${m(s)}/polls/${s.pollKey}?/delete`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/polls/[poll]?/addQuestion':    { path: (s) => `${m(s)}/polls/${s.pollKey}?/addQuestion`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/polls/[poll]?/updateQuestion': { path: (s) => `${m(s)}/polls/${s.pollKey}?/updateQuestion`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/polls/[poll]?/deleteQuestion': { path: (s) => `${m(s)}/polls/${s.pollKey}?/deleteQuestion`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/polls/[poll]?/moveQuestion':   { path: (s) => `${m(s)}/polls/${s.pollKey}?/moveQuestion`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/registrations':       { path: (s) => `${m(s)}/registrations`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/registrations?/attendance': { path: (s) => `${m(s)}/registrations?/attendance`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/registrations?/settings':   { path: (s) => `${m(s)}/registrations?/settings`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/registrations/[id]':  { path: (s) => `${m(s)}/registrations/${s.registrationId}`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/registrations/[id]?/save':   { path: (s) => `${m(s)}/registrations/${s.registrationId}?/save`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/registrations/[id]?/cancel': { path: (s) => `${m(s)}/registrations/${s.registrationId}?/cancel`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/registrations/attendance':    { path: (s) => `${m(s)}/registrations/attendance`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/registrations/attendance?/import': { path: (s) => `${m(s)}/registrations/attendance?/import`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/registrations/attendance?/match':  { path: (s) => `${m(s)}/registrations/attendance?/match`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/registrations/export.[format=tableformat]': { path: (s) => `${m(s)}/registrations/export.csv?kind=publishable`, expect: [401, 401, 403, 403, 403, '2xx', '2xx'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/registrations/invite':        { path: (s) => `${m(s)}/registrations/invite`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/registrations/invite?/one':  { path: (s) => `${m(s)}/registrations/invite?/one`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/registrations/invite?/csv':  { path: (s) => `${m(s)}/registrations/invite?/csv`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },
	'GET /manage/series/[series]/meetings/[number=meetingnumber]/registrations/new':           { path: (s) => `${m(s)}/registrations/new`, expect: ['login', 'login', 403, 403, 403, '2xx', '2xx'] },
	'POST /manage/series/[series]/meetings/[number=meetingnumber]/registrations/new':          { path: (s) => `${m(s)}/registrations/new`, expect: ['denied', 'denied', 'denied', 'denied', 'denied', 'allowed', 'allowed'] },

	// ---- JSON API (/api/v1; changes sent as `{}`)
	'GET /api/v1/openapi.json':                            { path: () => '/api/v1/openapi.json', expect: everyone('2xx') },
	'GET /api/v1/series':                                  { path: () => '/api/v1/series', expect: everyone('2xx') },
	'POST /api/v1/series':                                 { path: () => '/api/v1/series', expect: [401, 401, 403, 403, 'allowed', 'allowed', 'allowed'] },
	'GET /api/v1/series/[series]':                         { path: (s) => `/api/v1/series/${s.series}`, expect: everyone('2xx') },
	'PATCH /api/v1/series/[series]':                       { path: (s) => `/api/v1/series/${s.series}`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'POST /api/v1/series/[series]/meetings':               { path: (s) => `/api/v1/series/${s.series}/meetings`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'POST /api/v1/series/[series]/publish':                { path: (s) => `/api/v1/series/${s.series}/publish`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'POST /api/v1/series/[series]/unpublish':              { path: (s) => `/api/v1/series/${s.series}/unpublish`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'POST /api/v1/import':                                 { path: () => '/api/v1/import', expect: [401, 401, 403, 403, 'allowed', 'allowed', 'allowed'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]':              { path: api, expect: everyone('2xx') },
	'GET /api/v1/meetings/[series]/[number=meetingnumber] (draft)':      { path: (s) => `/api/v1/meetings/${s.series}/${s.draft}`, expect: [404, 404, 404, 404, 404, '2xx', '2xx'] },
	'PATCH /api/v1/meetings/[series]/[number=meetingnumber]':            { path: api, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/publish':     { path: (s) => `${api(s)}/publish`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/unpublish':   { path: (s) => `${api(s)}/unpublish`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/agenda':       { path: (s) => `${api(s)}/agenda`, expect: everyone('2xx') },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/agenda':      { path: (s) => `${api(s)}/agenda`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'PATCH /api/v1/meetings/[series]/[number=meetingnumber]/agenda/[itemId]':  { path: (s) => `${api(s)}/agenda/${s.agendaItemId}`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'DELETE /api/v1/meetings/[series]/[number=meetingnumber]/agenda/[itemId]': { path: (s) => `${api(s)}/agenda/${s.agendaItemId}`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/agenda/copy-previous': { path: (s) => `${api(s)}/agenda/copy-previous`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/agenda/reorder':       { path: (s) => `${api(s)}/agenda/reorder`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/documentation.[format=docformat]': { path: (s) => `${api(s)}/documentation.md`, expect: [404, 404, 404, 404, 404, '2xx', '2xx'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/documentation.[format=docformat] (published)': { path: (s) => `/api/v1/meetings/${s.series}/${s.documented}/documentation.md`, expect: everyone('2xx') },
	// issue 10: requireMeeting asks an anonymous caller to sign in before anything else (was 403)
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/documentation/versions':  { path: (s) => `${api(s)}/documentation/versions`, expect: [401, 401, 403, 403, 403, '2xx', '2xx'] },
	// issue 10: requireMeeting asks an anonymous caller to sign in before anything else (was 403)
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/documentation/versions': { path: (s) => `${api(s)}/documentation/versions`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	// The documentation service validates the bodies of publish and texts before it checks rights (`{}` gets 400): valid bodies here.
	// issue 10: requireMeeting asks an anonymous caller to sign in before anything else (was 403)
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/documentation/publish':   { path: (s) => `${api(s)}/documentation/publish`, body: () => ({ versionId: '00000000-0000-4000-8000-000000000000' }), expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	// issue 10: requireMeeting asks an anonymous caller to sign in before anything else (was 403)
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/documentation/unpublish': { path: (s) => `${api(s)}/documentation/unpublish`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	// issue 10: requireMeeting asks an anonymous caller to sign in before anything else (was 403)
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/documentation/texts':      { path: (s) => `${api(s)}/documentation/texts`, expect: [401, 401, 403, 403, 403, '2xx', '2xx'] },
	// (a valid body: see publish above)
	// issue 10: requireMeeting asks an anonymous caller to sign in before anything else (was 403)
	'PUT /api/v1/meetings/[series]/[number=meetingnumber]/documentation/texts':      { path: (s) => `${api(s)}/documentation/texts`, body: () => ({ topicSummary: '', outlook: '', findings: '', syntheses: [] }), expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	// issue 10: requireMeeting asks an anonymous caller to sign in before anything else (was 403)
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/export':       { path: (s) => `${api(s)}/export`, expect: [401, 401, 403, 403, 403, '2xx', '2xx'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/registrations': { path: (s) => `${api(s)}/registrations`, expect: everyone('allowed') },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/live':         { path: (s) => `${api(s)}/live`, expect: [401, 401, 403, 403, 403, '2xx', '2xx'] },
	// issue 10: the moderated meeting is a draft; requireMeeting hides it from strangers (404, was 403)
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/live (moderated meeting)': { path: (s) => `/api/v1/meetings/${s.otherSeries}/${s.otherMeeting}/live`, expect: [401, 401, 404, '2xx', '2xx', 404, '2xx'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/live/results (moderated meeting)': { path: (s) => `/api/v1/meetings/${s.otherSeries}/${s.otherMeeting}/live/results`, expect: [401, 401, 404, '2xx', '2xx', 404, '2xx'] },
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/live/start':  { path: (s) => `${api(s)}/live/start`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	// The route validates the action before the service checks rights (`{}` gets 400): a valid body here.
	'POST /api/v1/meetings/[series]/[number=meetingnumber]/live/actions': { path: (s) => `${api(s)}/live/actions`, body: () => ({ action: 'next' }), expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'GET /api/v1/meetings/[series]/[number=meetingnumber]/live/results': { path: (s) => `${api(s)}/live/results`, expect: [401, 401, 403, 403, 403, '2xx', '2xx'] },
	'POST /api/v1/live/[code]/participants':               { path: (s) => `/api/v1/live/${s.code}/participants`, expect: [400, 'allowed', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed'] },
	'POST /api/v1/live/[code]/votes':                      { path: (s) => `/api/v1/live/${s.code}/votes`, expect: [403, 400, 403, 403, 403, 403, 403] },
	'GET /api/v1/live/[code]':                             { path: (s) => `/api/v1/live/${s.code}`, expect: everyone('2xx'), phase: 3 },
	// Topic wishes and good practice (issue 12): the submit is rate-limited per address (not sent); triage asks rights first.
	'GET /api/v1/series/[series]/wishes':                  { path: (s) => `/api/v1/series/${s.series}/wishes`, expect: everyone('2xx') },
	'POST /api/v1/series/[series]/wishes':                 { path: (s) => `/api/v1/series/${s.series}/wishes`, expect: everyone('allowed') },
	'POST /api/v1/series/[series]/wishes/[wish]/status':   { path: (s) => `/api/v1/series/${s.series}/wishes/${NO_SUCH_ID}/status`, expect: [401, 401, 403, 403, 403, 'allowed', 'allowed'] },
	'GET /api/v1/good-practice':                           { path: () => '/api/v1/good-practice?q=Kultur', expect: everyone('2xx') },
	'GET /api/v1/good-practice/[id]':                      { path: () => `/api/v1/good-practice/${NO_SUCH_ID}`, expect: everyone(404) }
};

function matches(cell: Cell, answer: Answer): boolean {
	if (cell === 'denied') return answer === 401 || answer === 403 || answer === 'login';
	return cell === answer;
}

const keyOf = (key: string) => key.replace(/ \(.*\)$/, '');

describe.skipIf(!isE2eAvailable)('authorization matrix: every route and operation × every role', () => {
	let seed: MatrixSeed;
	beforeAll(async () => {
		seed = await seedMatrix(e2e.baseUrl, e2e.dataDir);
	});

	it('has one row for every page, form action, endpoint and API operation, and none more', async () => {
		const fromTree = routeTreeOperations();
		const fromOpenApi = await openApiOperations(e2e.baseUrl, fromTree);
		const inTable = new Set(Object.keys(table).map(keyOf));
		expect(
			[...fromTree].filter((key) => !inTable.has(key)),
			'routes missing from the table'
		).toEqual([]);
		expect(
			[...fromOpenApi].filter((key) => !inTable.has(key)),
			'API operations missing from the table'
		).toEqual([]);
		expect(
			[...inTable].filter((key) => !fromTree.has(key)),
			'rows of routes that do not exist'
		).toEqual([]);
		// Every API endpoint is in the OpenAPI document (the document itself aside).
		const undocumented = [...fromTree].filter(
			(key) => / \/api\/v1\//.test(key) && key !== 'GET /api/v1/openapi.json' && !fromOpenApi.has(key)
		);
		expect(undocumented, 'API endpoints missing from the OpenAPI document').toEqual([]);
		// Each row's request reaches the route the row names (a mistyped path would test another).
		const routeIds = routeIdsOf(fromTree);
		const misaddressed = Object.entries(table)
			.map(([key, row]) => ({ key, path: row.path(seed), id: routeIdsOf([keyOf(key)])[0] }))
			.filter(({ path, id }) => routeOf(path, routeIds) !== id)
			.map(({ key, path }) => `${key}: ${path} is served by ${routeOf(path, routeIds) ?? 'no route'}`);
		expect(misaddressed, 'rows whose request goes to another route').toEqual([]);
	});

	it('answers every role as the table says', async () => {
		const probes: (Probe & { key: string; role: Role; expected: Cell; phase: number })[] = [];
		for (const [key, row] of Object.entries(table)) {
			roles.forEach((role, index) => {
				const expected = row.expect[index]!;
				if (expected === 'allowed') return;
				const method = key.slice(0, key.indexOf(' '));
				probes.push({
					key,
					role,
					expected,
					phase: row.phase ?? 1,
					method,
					path: row.path(seed),
					cookie: seed.cookies[role],
					localAddress: addressOf(role),
					kind: method === 'GET' ? 'read' : / \/api\/v1\//.test(key) ? 'json' : 'form',
					body: row.body?.(seed)
				});
			});
		}
		const mismatches: string[] = [];
		for (const phase of [1, 2, 3]) {
			const batch = probes.filter((entry) => entry.phase === phase);
			const answers = await inParallel(batch, 6, (entry) => probe(e2e.baseUrl, entry));
			batch.forEach((entry, index) => {
				const answer = answers[index]!;
				if (!matches(entry.expected, answer))
					mismatches.push(`${entry.key} as ${entry.role}: got ${answer}, expected ${entry.expected}`);
			});
		}
		expect(probes.length).toBeGreaterThan(500);
		expect(mismatches).toEqual([]);
	});
});

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}
