import { createRequire } from 'node:module';

/** The embedded font (DejaVu, free licence) from the dejavu-fonts-ttf package: no system fonts needed. */
const require = createRequire(import.meta.url);

export const fontPaths = {
	regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
	bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
	italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf')
};
