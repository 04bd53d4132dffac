/**
 * The component kit's theme (Mantine): one type scale, spacing and primary colour for every page,
 * and where the rep's light/dark choice is kept. Pages use theme tokens (size="sm", gap="md",
 * var(--mantine-color-*)) rather than their own pixel values, so density changes in one place.
 */
import {
  createTheme,
  localStorageColorSchemeManager,
  rem,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

/** The app's blue (#2d5bd7 at shade 6), light to dark. */
const brand: MantineColorsTuple = [
  '#ecf1ff',
  '#d7e0fb',
  '#aebff2',
  '#829be9',
  '#5d7de2',
  '#4569de',
  '#2d5bd7',
  '#2550c0',
  '#1f47ab',
  '#163c97',
];

export const theme = createTheme({
  primaryColor: 'brand',
  colors: { brand },
  autoContrast: true,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  // A desktop CRM is dense: body text 14px, one step per size.
  fontSizes: { xs: rem(11), sm: rem(12), md: rem(14), lg: rem(16), xl: rem(18) },
  lineHeights: { xs: '1.4', sm: '1.45', md: '1.5', lg: '1.55', xl: '1.6' },
  spacing: { xs: rem(6), sm: rem(10), md: rem(14), lg: rem(20), xl: rem(28) },
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: rem(22), lineHeight: '1.3' },
      h2: { fontSize: rem(16), lineHeight: '1.35' },
      h3: { fontSize: rem(14), lineHeight: '1.4' },
    },
  },
  defaultRadius: 'md',
});

/**
 * Text colours Mantine's defaults leave under WCAG AA (4.5:1) at our 11–12px sizes, checked by axe in
 * tests/e2e/a11y.spec.ts: dimmed text (gray.6 on white is 3.3:1), links in dark (brand.4 on a dark
 * card is 3.6:1) and the green "light" badge (green.9 on green.1 is 3.8:1).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c6370',
    '--mantine-color-green-light-color': '#1e6b30',
  },
  dark: {
    '--mantine-color-dimmed': '#a3abba',
    '--mantine-color-anchor': '#9fb8ff',
  },
});

/**
 * The rep's choice ('light' | 'dark' | 'auto') survives a restart. It is a display preference read
 * synchronously before the first paint, so it lives in localStorage, not in IndexedDB.
 */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'prospect-desk:color-scheme' });
