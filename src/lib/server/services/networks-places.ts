import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectDistricts, type DistrictFeature, type ProjectedMap } from '../../domain/networks/map';

/**
 * The places of the network directory, read once per process from reference-data/ (see
 * reference-data/SOURCES.md for the licences): the 231 municipalities with their district, the
 * 27 districts, and the districts' outlines projected to SVG paths for the map.
 */
export interface Place {
	/** 8 digits for a municipality, 5 for a district (Kreis or kreisfreie Stadt). */
	ags: string;
	municipality: string | null;
	district: string;
	districtAgs: string;
}

export interface District {
	ags: string;
	name: string;
}

interface Places {
	municipalities: Place[];
	districts: District[];
	byAgs: Map<string, Place>;
}

let places: Places | undefined;
let map: ProjectedMap | undefined;

function referenceFile(name: string): string {
	const relative = join('reference-data', name);
	let folder = dirname(fileURLToPath(import.meta.url));
	const candidates = [join(process.cwd(), relative)];
	for (let depth = 0; depth < 6; depth++, folder = dirname(folder)) candidates.push(join(folder, relative));
	const found = candidates.find((candidate) => existsSync(candidate));
	if (!found) throw new Error(`The reference file ${relative} was not found`);
	return found;
}

function loadPlaces(): Places {
	const [header, ...lines] = readFileSync(referenceFile('westfalen-lippe-gemeinden.csv'), 'utf8')
		.trim()
		.split(/\r?\n/);
	const columns = (header ?? '').split(',');
	const at = (name: string) => columns.indexOf(name);
	const [agsAt, nameAt, districtAgsAt, districtAt] = [at('ags'), at('name'), at('kreis_ags'), at('kreis')];
	const municipalities: Place[] = lines.map((line) => {
		const cells = line.split(',');
		return {
			ags: cells[agsAt] ?? '',
			municipality: cells[nameAt] ?? '',
			district: cells[districtAt] ?? '',
			districtAgs: cells[districtAgsAt] ?? ''
		};
	});
	const districtNames = new Map(municipalities.map((place) => [place.districtAgs, place.district]));
	const districts = [...districtNames]
		.map(([ags, name]) => ({ ags, name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'de'));
	const byAgs = new Map<string, Place>();
	for (const place of municipalities) byAgs.set(place.ags, place);
	for (const district of districts)
		byAgs.set(district.ags, {
			ags: district.ags,
			municipality: null,
			district: district.name,
			districtAgs: district.ags
		});
	municipalities.sort((a, b) => (a.municipality ?? '').localeCompare(b.municipality ?? '', 'de'));
	return { municipalities, districts, byAgs };
}

export function listPlaceMunicipalities(): Place[] {
	places ??= loadPlaces();
	return places.municipalities;
}

export function listDistricts(): District[] {
	places ??= loadPlaces();
	return places.districts;
}

/** The place with this AGS (8 digits: a municipality; 5 digits: a district). */
export function placeByAgs(ags: string): Place | undefined {
	places ??= loadPlaces();
	return places.byAgs.get(ags.trim());
}

/** The place named so (a municipality's or a district's name, ignoring case), if any. */
export function placeByName(name: string): Place | undefined {
	const wanted = name.trim().toLocaleLowerCase('de');
	if (!wanted) return undefined;
	places ??= loadPlaces();
	return (
		places.municipalities.find((place) => place.municipality?.toLocaleLowerCase('de') === wanted) ??
		[...places.byAgs.values()].find(
			(place) => place.municipality === null && place.district.toLocaleLowerCase('de') === wanted
		)
	);
}

/** The districts' SVG paths, projected once per process. */
export function districtMap(): ProjectedMap {
	if (!map) {
		const geojson = JSON.parse(readFileSync(referenceFile('westfalen-lippe-kreise.geojson'), 'utf8')) as {
			features: DistrictFeature[];
		};
		map = projectDistricts(geojson.features, 600);
	}
	return map;
}

/** The names a place field offers: the municipalities, then the districts (Kreise). */
export function placeNames(): string[] {
	const names = listPlaceMunicipalities().map((place) => place.municipality ?? '');
	const districts = listDistricts()
		.map((district) => district.name)
		.filter((name) => !names.includes(name));
	return [...names, ...districts];
}
